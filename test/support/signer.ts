import { JoseHubSigner } from '../../src/crypto/hub-signer';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';

/** A hub signing key as the hub has it (RSA-2048, self-signed certificate), and the signer over it. */
export async function testSigner(pair?: KeyPair): Promise<{ signer: JoseHubSigner; pair: KeyPair }> {
  const key = pair ?? (await generateKeyPair('test'));
  return { signer: new JoseHubSigner({ active: key, next: null, previous: null }), pair: key };
}
