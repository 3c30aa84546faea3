import ipaddr from 'ipaddr.js';
import { ValidationError } from '../errors';
import type { Person, School } from '../model';
import type { Repositories } from '../ports';

/**
 * Home access (thuistoegang, annex B.2): a school registers its own network ranges; pupils log in from
 * elsewhere only when the school turned home access on. With no ranges registered and home access off,
 * pupils cannot log in at all — the secure default, and the refusal page says what the school must do.
 * Staff are not bound to the school network (they prepare lessons at home).
 */

/** Normalised CIDR ranges; a bare address becomes a /32 or /128. Host bits set or garbage → ValidationError. */
export function parseNetworks(inputs: readonly string[]): string[] {
  return inputs
    .map((s) => s.trim())
    .filter(Boolean)
    .map((input) => {
      try {
        const withPrefix = input.includes('/') ? input : `${input}/${ipaddr.parse(input).kind() === 'ipv4' ? 32 : 128}`;
        const [address, prefix] = ipaddr.parseCIDR(withPrefix);
        const network =
          address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(withPrefix) : ipaddr.IPv6.networkAddressFromCIDR(withPrefix);
        if (network.toString() !== address.toString())
          throw new ValidationError(`'${input}' has host bits set; did you mean ${network.toString()}/${prefix}?`);
        return `${network.toString()}/${prefix}`;
      } catch (e) {
        if (e instanceof ValidationError) throw e;
        throw new ValidationError(`'${input}' is not an IP address or range (CIDR such as 192.0.2.0/24)`);
      }
    });
}

/** The address in canonical form (IPv4-mapped IPv6 as IPv4); null when it is not an IP address. */
export function normaliseAddress(address: string | null | undefined): string | null {
  return address && ipaddr.isValid(address) ? ipaddr.process(address).toString() : null;
}

/** Whether the address lies in one of the ranges (IPv4-mapped IPv6 addresses count as IPv4). */
export function addressInNetworks(address: string | null | undefined, networks: readonly string[]): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  return networks.some((n) => {
    const [range, prefix] = ipaddr.parseCIDR(n);
    return range.kind() === ip.kind() && ip.match([range, prefix] as never);
  });
}

export type NetworkDecision = 'allowed' | 'outside_school_network';

export async function networkDecision(
  repos: Pick<Repositories, 'schoolNetworks'>,
  person: Person,
  school: School,
  address: string | null | undefined,
): Promise<NetworkDecision> {
  if (person.role !== 'pupil' || school.homeAccessEnabled) return 'allowed';
  return addressInNetworks(address, await repos.schoolNetworks.list(school.id)) ? 'allowed' : 'outside_school_network';
}
