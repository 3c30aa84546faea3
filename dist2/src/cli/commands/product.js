"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
/** `product add`: a participant's learning material, shown as a portal tile. */
function register(program, ctx) {
    const product = program.command('product').description('products (learning materials) of a participant');
    product
        .command('add')
        .description('register a product')
        .requiredOption('--participant <name>', 'participant name')
        .requiredOption('--name <name>', 'product (tile) name')
        .option('--method <method>', 'method the product belongs to')
        .option('--launch-url <url>', 'URL the portal tile opens')
        .option('--icon-url <url>', 'tile icon')
        .option('--teacher-app', 'shown to teachers only')
        .option('--test-app', 'a test/assessment application')
        .action(ctx.action(async (o, cmd) => {
        const created = await ctx.withHub((hub) => hub.services.participants.addProduct(o.participant, {
            name: o.name,
            method: o.method ?? null,
            launchUrl: o.launchUrl ?? null,
            iconUrl: o.iconUrl ?? null,
            isTeacherApp: !!o.teacherApp,
            isTestApp: !!o.testApp,
        }, ctx.actor()));
        ctx.print(cmd, created, `product added: ${created.name} (${created.id})`);
    }));
}
//# sourceMappingURL=product.js.map