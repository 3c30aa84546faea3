"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const seed_demo_1 = require("../../demo/seed-demo");
const demo_publisher_1 = require("../demo-publisher");
/**
 * `demo`: the idempotent demo seed (migrates first). The demo publisher is registered from its metadata
 * URL like any publisher, so it runs for as long as the seed needs its metadata; `serve --demo` runs it
 * for good.
 */
function register(program, ctx) {
    program
        .command('demo')
        .description('create (or show) the demo school, users, participant, licence and demo publisher SP; idempotent')
        .action(ctx.action(async (_opts, cmd) => {
        const summary = await ctx.withHub(async (hub) => {
            await hub.db.migrate();
            const publisher = await (0, demo_publisher_1.publisherForSeed)(ctx.config(), ctx.logger());
            try {
                return await (0, seed_demo_1.seedDemo)(hub, publisher.ref);
            }
            finally {
                await publisher.stop();
            }
        }, { requireMigrated: false });
        ctx.print(cmd, summary, (0, seed_demo_1.formatDemoSummary)(summary));
    }));
}
//# sourceMappingURL=demo.js.map