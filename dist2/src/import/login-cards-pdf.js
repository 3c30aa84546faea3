"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loginCardsPdf = loginCardsPdf;
const pdfkit_1 = __importDefault(require("pdfkit"));
const login_card_groups_1 = require("./login-card-groups");
/** Login cards as PDF (A4, eight cards a page, a new page per group), built in memory with pdfkit. */
function loginCardsPdf(summary, loginUrl) {
    const doc = new pdfkit_1.default({ size: 'A4', margin: 36, info: { Title: `Inlogkaartjes ${summary.school}`, Author: 'Leerpoort' } });
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    const done = new Promise((resolve, reject) => {
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
    });
    const cardW = 250;
    const cardH = 170;
    let first = true;
    for (const { name: group, accounts } of (0, login_card_groups_1.loginCardGroups)(summary.newAccounts)) {
        for (let i = 0; i < accounts.length; i++) {
            if (i % 8 === 0) {
                if (!first)
                    doc.addPage();
                first = false;
                doc.font('Helvetica-Bold').fontSize(12).text(`Inlogkaartjes / login cards – ${summary.school} – ${group}`, 36, 36);
            }
            const a = accounts[i];
            const x = 36 + (i % 2) * (cardW + 20);
            const y = 70 + Math.floor((i % 8) / 2) * (cardH + 12);
            doc.rect(x, y, cardW, cardH).dash(3, { space: 3 }).stroke().undash();
            doc
                .font('Helvetica-Bold')
                .fontSize(13)
                .text(a.displayName, x + 12, y + 12, { width: cardW - 24 });
            doc
                .font('Helvetica')
                .fontSize(10)
                .text('Gebruikersnaam / username', x + 12, y + 50);
            doc
                .font('Courier-Bold')
                .fontSize(14)
                .text(a.username, x + 12, y + 64);
            doc
                .font('Helvetica')
                .fontSize(10)
                .text('Wachtwoord / password', x + 12, y + 92);
            doc
                .font('Courier-Bold')
                .fontSize(14)
                .text(a.password, x + 12, y + 106);
            doc
                .font('Helvetica')
                .fontSize(8)
                .text(`Inloggen op ${loginUrl}`, x + 12, y + 140, { width: cardW - 24 });
        }
    }
    if (first)
        doc.font('Helvetica').fontSize(12).text('Geen nieuwe accounts / no new accounts');
    doc.end();
    return done;
}
//# sourceMappingURL=login-cards-pdf.js.map