/** The validator module ships without types; samlify calls `validate` on every inbound message. */
declare module '@authenio/samlify-xmllint-wasm' {
  export function validate(xml: string): Promise<boolean>;
}
