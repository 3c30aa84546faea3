"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const smtp_server_1 = require("smtp-server");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
/** SMTP_URL set: the outbox is delivered over real SMTP (smtp-server on a local port), retried after a refusal. */
describe('mail over SMTP (SMTP_URL): reset links reach the mailbox, a refused delivery is retried', function () {
    let t;
    let school;
    let smtp;
    const received = [];
    let refuseNext = 0;
    before(async function () {
        const port = await (0, hub_1.freePort)();
        smtp = new smtp_server_1.SMTPServer({
            authOptional: true,
            disabledCommands: ['STARTTLS'],
            onRcptTo(_address, _session, callback) {
                if (refuseNext > 0) {
                    refuseNext--;
                    return callback(Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 }));
                }
                callback();
            },
            onData(stream, session, callback) {
                const chunks = [];
                stream.on('data', (c) => chunks.push(c));
                stream.on('end', () => {
                    received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
                    callback();
                });
            },
        });
        await new Promise((resolve) => smtp.listen(port, '127.0.0.1', resolve));
        t = await (0, hub_1.startTestHub)(this, 'mail_smtp', { SMTP_URL: `smtp://127.0.0.1:${port}` });
        t.server.mail.stopPolling(); // the test drives each delivery pass itself
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '31CC', participant: 'Uitgeverij M' });
    });
    after(async () => {
        await t?.stop();
        await new Promise((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    });
    async function requestReset(account) {
        const answer = await new hub_1.Browser().submit(`${t.baseUrl}/login/reset`, { account });
        await t.server.background.drain(); // the mail is queued after the answer
        return answer;
    }
    const sentFlags = async () => (await t.hub.db.dataSource.query('SELECT sent_at IS NOT NULL AS sent, attempts, last_error FROM outbox ORDER BY created_at'));
    it('delivers the reset mail to the teacher’s address; the mailed link opens the reset form; the row is marked sent', async () => {
        (0, chai_1.expect)((await requestReset(school.teacher.username)).status).to.equal(200);
        (0, chai_1.expect)(await t.server.mail.flush()).to.equal(1);
        (0, chai_1.expect)(received).to.have.length(1);
        (0, chai_1.expect)(received[0].to).to.deep.equal(['g.zwaan@31cc.example.nl']);
        const link = /(http:\/\/\S+\/login\/reset\/[A-Za-z0-9_-]{43})/.exec(received[0].data.replace(/=\r?\n/g, ''))[1];
        (0, chai_1.expect)((await new hub_1.Browser().request(link)).status).to.equal(200);
        (0, chai_1.expect)(await sentFlags()).to.deep.equal([{ sent: true, attempts: 1, last_error: null }]);
        (0, chai_1.expect)(await t.server.mail.flush(), 'never sent twice').to.equal(0);
    });
    it('a refused delivery is recorded and retried on the next pass', async () => {
        refuseNext = 1;
        await requestReset(school.teacher.username);
        (0, chai_1.expect)(await t.server.mail.flush()).to.equal(0);
        const failed = (await sentFlags())[1];
        (0, chai_1.expect)(failed.sent).to.equal(false);
        (0, chai_1.expect)(failed.attempts).to.equal(1);
        (0, chai_1.expect)(failed.last_error).to.contain('mailbox temporarily unavailable');
        (0, chai_1.expect)(await t.server.mail.flush()).to.equal(1);
        (0, chai_1.expect)(received).to.have.length(2);
        (0, chai_1.expect)((await sentFlags())[1]).to.deep.equal({ sent: true, attempts: 2, last_error: null });
    });
});
//# sourceMappingURL=mail-smtp.test.js.map