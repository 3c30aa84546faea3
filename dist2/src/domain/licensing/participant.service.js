"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ParticipantService = void 0;
exports.findParticipantByName = findParticipantByName;
exports.findProductByName = findProductByName;
const errors_1 = require("../errors");
async function findParticipantByName(repos, name) {
    const participant = await repos.participants.findByName(name.trim());
    if (!participant)
        throw new errors_1.NotFoundError(`unknown participant '${name}'`);
    return participant;
}
/** Product names are unique per participant; a name shared by two participants must be qualified. */
async function findProductByName(repos, name, participantName) {
    if (participantName) {
        const participant = await findParticipantByName(repos, participantName);
        const product = await repos.products.findByName(participant.id, name.trim());
        if (!product)
            throw new errors_1.NotFoundError(`unknown product '${name}' of participant '${participant.name}'`);
        return product;
    }
    const matches = await repos.products.findAllByName(name.trim());
    if (matches.length === 0)
        throw new errors_1.NotFoundError(`unknown product '${name}'`);
    if (matches.length > 1)
        throw new errors_1.ConflictError(`product name '${name}' is used by ${matches.length} participants; add --participant`);
    return matches[0];
}
function checkUrl(value, field) {
    if (value == null)
        return;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors_1.ValidationError(`${field} '${value}' is not a valid URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new errors_1.ValidationError(`${field} must be an http(s) URL`);
}
class ParticipantService {
    uow;
    icons;
    constructor(uow, 
    /** Product icons are fetched once, here, and served by the hub (the portal never links a publisher). */
    icons) {
        this.uow = uow;
        this.icons = icons;
    }
    async add(input, actor) {
        const name = input.name.trim();
        if (!name)
            throw new errors_1.ValidationError('participant name must not be empty');
        return this.uow.run(async (repos) => {
            const participant = await repos.participants.insert({ ...input, name });
            await repos.audit.record({
                actor,
                action: 'participant.add',
                outcome: 'success',
                targetType: 'participant',
                targetId: participant.id,
                details: { name },
            });
            return participant;
        });
    }
    /** A product of the participant named (CLI, demo). */
    async addProduct(participantName, input, actor) {
        const participant = await this.uow.run((repos) => findParticipantByName(repos, participantName));
        return this.addProductFor(participant, input, actor);
    }
    /** A product of this participant (the API knows the participant from its token). */
    async addProductFor(participant, input, actor) {
        const name = input.name.trim();
        if (!name)
            throw new errors_1.ValidationError('product name must not be empty');
        checkUrl(input.launchUrl, 'launch URL');
        checkUrl(input.iconUrl, 'icon URL');
        const icon = input.iconUrl ? await this.icons.fetch(input.iconUrl) : null;
        return this.uow.run(async (repos) => {
            const product = await repos.products.insert({ ...input, name, participantId: participant.id });
            if (icon)
                await repos.productIcons.put(product.id, { ...icon, sourceUrl: input.iconUrl });
            await repos.audit.record({
                actor,
                action: 'product.add',
                outcome: 'success',
                targetType: 'product',
                targetId: product.id,
                details: { participantId: participant.id, name },
            });
            return product;
        });
    }
    /** Changes a product of this participant; a new icon URL is fetched again. */
    async updateProduct(participant, productId, changes, actor) {
        checkUrl(changes.launchUrl, 'launch URL');
        checkUrl(changes.iconUrl, 'icon URL');
        const icon = changes.iconUrl ? await this.icons.fetch(changes.iconUrl) : null;
        return this.uow.run(async (repos) => {
            const owned = (await repos.products.listByParticipant(participant.id)).find((p) => p.id === productId);
            if (!owned)
                throw new errors_1.NotFoundError('no such product of this participant');
            const updated = await repos.products.update(owned.id, changes);
            if (icon)
                await repos.productIcons.put(owned.id, { ...icon, sourceUrl: changes.iconUrl });
            await repos.audit.record({
                actor,
                action: 'product.update',
                outcome: 'success',
                targetType: 'product',
                targetId: owned.id,
                details: { fields: Object.keys(changes) },
            });
            return updated;
        });
    }
}
exports.ParticipantService = ParticipantService;
//# sourceMappingURL=participant.service.js.map