"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
/** `migrate`: apply pending database migrations. */
function register(program, ctx) {
    program
        .command('migrate')
        .description('apply pending database migrations')
        .action(ctx.action(async (_opts, cmd) => {
        const applied = await ctx.withHub((hub) => hub.db.migrate(), { requireMigrated: false });
        ctx.print(cmd, { applied }, applied.length ? `applied: ${applied.join(', ')}` : 'database schema is up to date');
    }));
}
//# sourceMappingURL=migrate.js.map