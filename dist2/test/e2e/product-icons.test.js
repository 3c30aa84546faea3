"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_http_1 = __importDefault(require("node:http"));
const chai_1 = require("chai");
const pngjs_1 = require("pngjs");
const errors_1 = require("../../src/domain/errors");
const icon_fetcher_1 = require("../../src/net/icon-fetcher");
const assert_1 = require("../support/assert");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
/** Product icons are fetched once by the hub and served from it: a pupil's portal never contacts a publisher. */
describe('product icons: fetched at registration, served by the hub (HTTP, PostgreSQL)', function () {
    let t;
    let school;
    let publisher;
    let origin = '';
    const png = (() => {
        const image = new pngjs_1.PNG({ width: 2, height: 2 });
        image.data.fill(200);
        return pngjs_1.PNG.sync.write(image);
    })();
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><script>alert(1)</script><rect width="4" height="4"/></svg>');
    let requestsToPublisher = 0;
    before(async function () {
        publisher = node_http_1.default.createServer((req, res) => {
            requestsToPublisher++;
            if (req.url === '/icon.png')
                res.writeHead(200, { 'content-type': 'text/html' }).end(png); // the header lies; the bytes decide
            else if (req.url === '/icon.svg')
                res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(svg);
            else if (req.url === '/page.html')
                res.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
            else if (req.url === '/huge.png')
                res.writeHead(200).end(Buffer.concat([png, Buffer.alloc(400 * 1024)]));
            else if (req.url === '/moved.png')
                res.writeHead(302, { location: '/icon.png' }).end();
            else
                res.writeHead(404).end();
        });
        await new Promise((r) => publisher.listen(0, '127.0.0.1', r));
        origin = `http://127.0.0.1:${publisher.address().port}`;
        t = await (0, hub_1.startTestHub)(this, 'product_icons');
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '71HH', participant: 'Uitgeverij I' });
    });
    after(async () => {
        await t?.stop();
        publisher?.close();
    });
    it('stores the icon at registration; the portal shows it from the hub and makes the browser contact no publisher', async () => {
        const product = await t.hub.services.participants.addProduct('Uitgeverij I', { name: 'Plaatjesboek', launchUrl: 'https://example.invalid/boek', iconUrl: `${origin}/icon.png` }, federation_1.ACTOR);
        await t.hub.services.licences.grant({ brin: '71HH', productName: 'Plaatjesboek', participantName: 'Uitgeverij I', target: { groupKey: 'G6' } }, federation_1.ACTOR);
        const browser = new hub_1.Browser();
        await browser.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password);
        const before = requestsToPublisher;
        const portal = await browser.request(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(portal.body).to.contain(`<img src="/icons/${product.id}"`);
        (0, chai_1.expect)(portal.body).not.to.contain(origin);
        (0, chai_1.expect)(portal.headers.get('content-security-policy')).to.match(/img-src 'self' data:(;|$)/);
        const icon = await fetch(`${t.baseUrl}/icons/${product.id}`);
        (0, chai_1.expect)(icon.status).to.equal(200);
        (0, chai_1.expect)(icon.headers.get('content-type')).to.equal('image/png');
        (0, chai_1.expect)(icon.headers.get('x-content-type-options')).to.equal('nosniff');
        (0, chai_1.expect)(Buffer.from(await icon.arrayBuffer()).equals(png)).to.equal(true);
        (0, chai_1.expect)(requestsToPublisher, 'showing the portal and the icon asked the publisher nothing').to.equal(before);
        (0, chai_1.expect)((await fetch(`${t.baseUrl}/icons/00000000-0000-4000-8000-000000000000`)).status).to.equal(404);
        (0, chai_1.expect)((await fetch(`${t.baseUrl}/icons/not-a-uuid`)).status).to.equal(404);
    });
    it('an SVG icon is served so that it can never run as a page (sandboxed, no scripts)', async () => {
        const product = await t.hub.services.participants.addProduct('Uitgeverij I', { name: 'Vectorboek', iconUrl: `${origin}/icon.svg` }, federation_1.ACTOR);
        const icon = await fetch(`${t.baseUrl}/icons/${product.id}`);
        (0, chai_1.expect)(icon.headers.get('content-type')).to.equal('image/svg+xml');
        (0, chai_1.expect)(icon.headers.get('content-security-policy')).to.contain('sandbox').and.contain("default-src 'none'");
    });
    it('refuses what is not a small image, a redirect, and a missing file — and registers nothing', async () => {
        for (const [path, reason] of [
            ['/page.html', /not a PNG, JPEG, GIF, WebP or SVG/],
            ['/huge.png', /larger than 256 KiB/],
            ['/moved.png', /redirects are not followed/],
            ['/missing.png', /HTTP 404/],
        ]) {
            const e = await (0, assert_1.rejects)(t.hub.services.participants.addProduct('Uitgeverij I', { name: `Fout ${path}`, iconUrl: `${origin}${path}` }, federation_1.ACTOR));
            (0, chai_1.expect)(e, path).to.be.instanceOf(errors_1.ValidationError);
            (0, chai_1.expect)(e.message, path).to.match(reason);
            (0, chai_1.expect)(await t.hub.db.repositories.products.findAllByName(`Fout ${path}`), path).to.deep.equal([]);
        }
    });
    it('in production the hub fetches icons only over https from public addresses (no request into its own network)', async () => {
        const production = new icon_fetcher_1.HttpIconFetcher(false);
        for (const [source, reason] of [
            [`${origin}/icon.png`, /must use https/],
            ['https://127.0.0.1/icon.png', /private or reserved address/],
            ['https://10.1.2.3/icon.png', /private or reserved address/],
            ['https://[::1]/icon.png', /private or reserved address/],
            ['https://169.254.169.254/latest/meta-data', /private or reserved address/],
            ['https://localhost/icon.png', /private or reserved address/],
            ['https://user:pw@example.org/icon.png', /must not contain credentials/],
        ]) {
            const e = await (0, assert_1.rejects)(production.fetch(source));
            (0, chai_1.expect)(e, source).to.be.instanceOf(errors_1.ValidationError);
            (0, chai_1.expect)(e.message, source).to.match(reason);
        }
    });
});
//# sourceMappingURL=product-icons.test.js.map