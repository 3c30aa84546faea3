"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.summariseProfile = summariseProfile;
const AREAS = [
    ['RSA signing (node:crypto)', /^node:crypto|internal\/crypto/],
    ['XML signing and c14n (xml-crypto)', /xml-crypto/],
    ['XML parsing (xmldom)', /@xmldom/],
    ['SAML steps and response building (src/saml)', /dist\/src\/saml\//],
    ['release, licence gate, domain', /dist\/src\/(release|domain)\//],
    ['caches and persistence (src/persistence)', /dist\/src\/persistence\//],
    ['PostgreSQL driver (pg, pg-protocol)', /node_modules\/(pg|pg-protocol|pg-pool|postgres-)/],
    ['TypeORM', /node_modules\/typeorm/],
    ['express, router, body parsers', /node_modules\/(express|router|body-parser|finalhandler|send|qs|raw-body|path-to-regexp|on-finished)/],
    ['sessions (express-session, cookies)', /node_modules\/(express-session|cookie|cookie-signature)|dist\/src\/web\/session/],
    ['helmet and other middleware', /node_modules\/helmet|dist\/src\/web\/middleware/],
    ['templates (nunjucks)', /node_modules\/nunjucks/],
    ['logging (pino)', /node_modules\/(pino|sonic-boom|thread-stream)/],
    ['web routes (src/web)', /dist\/src\/web\//],
    ['zlib (inflate)', /zlib/],
    ['HTTP server and sockets (node)', /^node:(_http|http|net|stream|internal\/streams|internal\/http)|node:internal\/(stream|net|http)/],
];
function summariseProfile(profile) {
    const total = profile.endTime - profile.startTime;
    const samples = profile.samples?.length ?? profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0);
    const perSample = samples ? total / samples : 0;
    const byArea = new Map();
    const byFunction = new Map();
    for (const node of profile.nodes) {
        const hits = node.hitCount ?? 0;
        if (!hits)
            continue;
        const { functionName, url, lineNumber } = node.callFrame;
        const area = functionName === '(idle)'
            ? 'idle'
            : functionName === '(garbage collector)'
                ? 'garbage collection'
                : functionName === '(program)'
                    ? 'V8 and native (program)'
                    : (AREAS.find(([, re]) => re.test(url))?.[0] ?? (url ? 'other JavaScript' : 'native'));
        byArea.set(area, (byArea.get(area) ?? 0) + hits);
        const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*dist\//, '')}:${lineNumber + 1}  [${area}]`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
    }
    const busy = samples - (byArea.get('idle') ?? 0);
    const pct = (hits) => `${((hits / busy) * 100).toFixed(1).padStart(5)} %`;
    const lines = [
        `CPU profile of one worker under load: ${(total / 1e6).toFixed(1)} s, ${samples} samples (${(perSample / 1000).toFixed(2)} ms each), busy ${((busy / samples) * 100).toFixed(0)} %`,
        'self time by area (share of busy time):',
    ];
    for (const [area, hits] of [...byArea].filter(([a]) => a !== 'idle').sort((a, b) => b[1] - a[1]))
        lines.push(`  ${pct(hits)}  ${area}`);
    lines.push('top functions by self time:');
    for (const [fn, hits] of [...byFunction]
        .filter(([f]) => !f.startsWith('(idle)'))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30))
        lines.push(`  ${pct(hits)}  ${fn}`);
    return lines.join('\n');
}
//# sourceMappingURL=profile.js.map