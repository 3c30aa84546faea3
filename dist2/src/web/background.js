"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BackgroundWork = void 0;
/**
 * Work a request starts but does not wait for: the answer goes out first, so its content and timing
 * cannot depend on the work (e.g. whether an account exists when a reset link is asked for). Failures
 * are logged; `drain()` lets a stopping hub finish what was started.
 */
class BackgroundWork {
    logger;
    pending = new Set();
    constructor(logger) {
        this.logger = logger;
    }
    run(what, work) {
        const task = Promise.resolve()
            .then(work)
            .then(() => undefined, (e) => this.logger.error({ err: e, work: what }, 'background work failed'))
            .finally(() => this.pending.delete(task));
        this.pending.add(task);
    }
    async drain() {
        while (this.pending.size > 0)
            await Promise.all([...this.pending]);
    }
}
exports.BackgroundWork = BackgroundWork;
//# sourceMappingURL=background.js.map