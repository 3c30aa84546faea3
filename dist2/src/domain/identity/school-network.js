"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseNetworks = parseNetworks;
exports.normaliseAddress = normaliseAddress;
exports.addressInNetworks = addressInNetworks;
exports.networkDecision = networkDecision;
const ipaddr_js_1 = __importDefault(require("ipaddr.js"));
const errors_1 = require("../errors");
/**
 * Home access (thuistoegang, annex B.2): a school registers its own network ranges; pupils log in from
 * elsewhere only when the school turned home access on. With no ranges registered and home access off,
 * pupils cannot log in at all — the secure default, and the refusal page says what the school must do.
 * Staff are not bound to the school network (they prepare lessons at home).
 */
/** Normalised CIDR ranges; a bare address becomes a /32 or /128. Host bits set or garbage → ValidationError. */
function parseNetworks(inputs) {
    return inputs
        .map((s) => s.trim())
        .filter(Boolean)
        .map((input) => {
        try {
            const withPrefix = input.includes('/') ? input : `${input}/${ipaddr_js_1.default.parse(input).kind() === 'ipv4' ? 32 : 128}`;
            const [address, prefix] = ipaddr_js_1.default.parseCIDR(withPrefix);
            const network = address.kind() === 'ipv4' ? ipaddr_js_1.default.IPv4.networkAddressFromCIDR(withPrefix) : ipaddr_js_1.default.IPv6.networkAddressFromCIDR(withPrefix);
            if (network.toString() !== address.toString())
                throw new errors_1.ValidationError(`'${input}' has host bits set; did you mean ${network.toString()}/${prefix}?`);
            return `${network.toString()}/${prefix}`;
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError)
                throw e;
            throw new errors_1.ValidationError(`'${input}' is not an IP address or range (CIDR such as 192.0.2.0/24)`);
        }
    });
}
/** The address in canonical form (IPv4-mapped IPv6 as IPv4); null when it is not an IP address. */
function normaliseAddress(address) {
    return address && ipaddr_js_1.default.isValid(address) ? ipaddr_js_1.default.process(address).toString() : null;
}
/** Whether the address lies in one of the ranges (IPv4-mapped IPv6 addresses count as IPv4). */
function addressInNetworks(address, networks) {
    if (!address || !ipaddr_js_1.default.isValid(address))
        return false;
    const ip = ipaddr_js_1.default.process(address);
    return networks.some((n) => {
        const [range, prefix] = ipaddr_js_1.default.parseCIDR(n);
        return range.kind() === ip.kind() && ip.match([range, prefix]);
    });
}
async function networkDecision(repos, person, school, address) {
    if (person.role !== 'pupil' || school.homeAccessEnabled)
        return 'allowed';
    return addressInNetworks(address, await repos.schoolNetworks.list(school.id)) ? 'allowed' : 'outside_school_network';
}
//# sourceMappingURL=school-network.js.map