"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPENAPI_DOCUMENT = void 0;
/**
 * The participant roster API, described as OpenAPI 3.0 (validated in the tests). Resource shapes
 * follow OneRoster where they fit: users, classes, orgs, sourcedId.
 */
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const brin = {
    name: 'brin',
    in: 'path',
    required: true,
    description: 'BRIN (12AB, or 12AB01 for a dependance)',
    schema: { type: 'string', pattern: '^[0-9]{2}[A-Z]{2}([0-9]{2})?$' },
};
const errorResponses = {
    '400': { description: 'invalid request', content: { 'application/json': { schema: ref('Error') } } },
    '401': { description: 'missing, invalid or expired token', content: { 'application/json': { schema: ref('Error') } } },
    '404': {
        description: 'not found — also for a school that did not activate this participant (no data either way)',
        content: { 'application/json': { schema: ref('Error') } },
    },
    '429': { description: 'per-client rate limit exceeded (Retry-After)', content: { 'application/json': { schema: ref('Error') } } },
};
const json = (schema, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const pageParams = [
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
    { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
    {
        name: 'changedSince',
        in: 'query',
        description: 'only people changed at or after this moment',
        schema: { type: 'string', format: 'date-time' },
    },
];
const secured = [{ clientCredentials: [] }];
const PRODUCT_FIELDS = {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    method: { type: 'string', nullable: true },
    iconUrl: { type: 'string', format: 'uri', nullable: true },
    launchUrl: { type: 'string', format: 'uri', nullable: true },
    isTeacherApp: { type: 'boolean' },
    isTestApp: { type: 'boolean' },
};
const userRefs = {
    type: 'object',
    additionalProperties: false,
    required: ['users'],
    properties: {
        users: {
            type: 'array',
            minItems: 1,
            maxItems: 1000,
            items: {
                oneOf: [
                    {
                        type: 'object',
                        additionalProperties: false,
                        required: ['sourcedId'],
                        properties: { sourcedId: { type: 'string', description: 'the hub pseudonym this participant knows the person by' } },
                    },
                    { type: 'object', additionalProperties: false, required: ['eckId'], properties: { eckId: { type: 'string' } } },
                ],
            },
        },
    },
};
exports.OPENAPI_DOCUMENT = Object.freeze({
    openapi: '3.0.3',
    info: {
        title: 'Leerpoort participant roster API',
        version: '1.0.0',
        description: 'Rosters for participants (publishers), only for schools that activated the participant, only people with a valid assigned licence, only the data categories the release pipeline allows (the same as in SSO). Every response with personal data is recorded in the release ledger (categories and counts, never values).',
    },
    servers: [{ url: '/api/v1' }],
    security: secured,
    paths: {
        '/oauth/token': {
            post: {
                summary: 'OAuth2 client credentials: a short-lived access token (opaque to clients; a JWT under the API’s own key)',
                security: [],
                requestBody: {
                    required: true,
                    content: {
                        'application/x-www-form-urlencoded': {
                            schema: {
                                type: 'object',
                                required: ['grant_type'],
                                properties: {
                                    grant_type: { type: 'string', enum: ['client_credentials'] },
                                    client_id: { type: 'string' },
                                    client_secret: { type: 'string' },
                                },
                            },
                        },
                    },
                },
                responses: {
                    '200': json({
                        type: 'object',
                        required: ['access_token', 'token_type', 'expires_in'],
                        properties: {
                            access_token: { type: 'string' },
                            token_type: { type: 'string', enum: ['Bearer'] },
                            expires_in: { type: 'integer' },
                        },
                    }),
                    '400': json({ type: 'object', properties: { error: { type: 'string' }, error_description: { type: 'string' } } }, 'unsupported grant type'),
                    '401': json({ type: 'object', properties: { error: { type: 'string' }, error_description: { type: 'string' } } }, 'invalid client'),
                    '429': json({ type: 'object', properties: { error: { type: 'string', enum: ['rate_limited'] }, error_description: { type: 'string' } } }, 'too many attempts for this client id or from this address, or the hub is busy: retry after the Retry-After header'),
                },
            },
        },
        '/schools': {
            get: {
                summary: 'Schools that activated this participant',
                responses: {
                    '200': json({ type: 'object', properties: { schools: { type: 'array', items: ref('School') } } }),
                    '401': errorResponses['401'],
                    '429': errorResponses['429'],
                },
            },
        },
        '/schools/{brin}': {
            get: {
                summary: 'One school',
                parameters: [brin],
                responses: { '200': json({ type: 'object', properties: { school: ref('School') } }), ...errorResponses },
            },
        },
        '/schools/{brin}/groups': {
            get: {
                summary: 'Groups (classes) of a school',
                parameters: [brin],
                responses: { '200': json({ type: 'object', properties: { classes: { type: 'array', items: ref('Class') } } }), ...errorResponses },
            },
        },
        '/schools/{brin}/pupils': {
            get: {
                summary: 'Licensed pupils of a school',
                parameters: [brin, ...pageParams],
                responses: { '200': json(ref('UserPage')), ...errorResponses },
            },
        },
        '/schools/{brin}/staff': {
            get: {
                summary: 'Licensed teachers and delegates of a school',
                parameters: [brin, ...pageParams],
                responses: { '200': json(ref('UserPage')), ...errorResponses },
            },
        },
        '/schools/{brin}/licences': {
            get: {
                summary: "The school's licences for this participant's products, with assignments",
                parameters: [brin],
                responses: {
                    '200': json({ type: 'object', properties: { licences: { type: 'array', items: ref('Licence') } } }),
                    ...errorResponses,
                },
            },
        },
        '/schools/{brin}/licences/{licenceId}/grants': {
            post: {
                summary: 'Grant people access under a licence, in bulk (all or nothing; seats are checked)',
                parameters: [brin, { name: 'licenceId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
                requestBody: { required: true, content: { 'application/json': { schema: userRefs } } },
                responses: {
                    '200': json({ type: 'object', properties: { licence: { type: 'string' }, granted: { type: 'integer' } } }),
                    '409': { description: 'more assignments than seats', content: { 'application/json': { schema: ref('Error') } } },
                    ...errorResponses,
                },
            },
        },
        '/schools/{brin}/licences/{licenceId}/revocations': {
            post: {
                summary: 'Revoke people’s access under a licence, in bulk',
                parameters: [brin, { name: 'licenceId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
                requestBody: { required: true, content: { 'application/json': { schema: userRefs } } },
                responses: {
                    '200': json({ type: 'object', properties: { licence: { type: 'string' }, revoked: { type: 'integer' } } }),
                    ...errorResponses,
                },
            },
        },
        '/permissions': {
            get: {
                summary: 'Feed of schools switching data transfer to this participant on or off',
                parameters: [{ name: 'since', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } }],
                responses: {
                    '200': json({ type: 'object', properties: { permissions: { type: 'array', items: ref('Permission') } } }),
                    ...errorResponses,
                },
            },
        },
        '/products': {
            get: {
                summary: "This participant's products (portal tiles)",
                responses: {
                    '200': json({ type: 'object', properties: { products: { type: 'array', items: ref('Product') } } }),
                    '401': errorResponses['401'],
                },
            },
            post: {
                summary: 'Create a product',
                requestBody: { required: true, content: { 'application/json': { schema: ref('ProductInput') } } },
                responses: {
                    '201': json({ type: 'object', properties: { product: ref('Product') } }, 'created'),
                    '409': { description: 'name taken' },
                    ...errorResponses,
                },
            },
        },
        '/products/{productId}': {
            patch: {
                summary: 'Update a product',
                parameters: [{ name: 'productId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
                requestBody: { required: true, content: { 'application/json': { schema: ref('ProductPatch') } } },
                responses: { '200': json({ type: 'object', properties: { product: ref('Product') } }), ...errorResponses },
            },
        },
    },
    components: {
        securitySchemes: {
            clientCredentials: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/api/v1/oauth/token', scopes: {} } } },
        },
        schemas: {
            Error: {
                type: 'object',
                required: ['error', 'message'],
                properties: { error: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
            },
            School: {
                type: 'object',
                properties: {
                    sourcedId: { type: 'string' },
                    brin: { type: 'string' },
                    name: { type: 'string' },
                    assuNumber: { type: 'string', nullable: true },
                    visitingAddress: {
                        type: 'object',
                        nullable: true,
                        properties: {
                            street: { type: 'string' },
                            houseNumber: { type: 'string' },
                            postalCode: { type: 'string' },
                            city: { type: 'string' },
                        },
                    },
                },
            },
            Class: {
                type: 'object',
                properties: {
                    sourcedId: { type: 'string' },
                    title: { type: 'string' },
                    grades: { type: 'array', items: { type: 'string' } },
                    classType: { type: 'string', enum: ['homeroom', 'scheduled'] },
                },
            },
            User: {
                type: 'object',
                required: ['sourcedId', 'role'],
                description: 'Fields appear only for categories the release pipeline lets through.',
                properties: {
                    sourcedId: { type: 'string', description: 'pairwise pseudonym (the same as the SAML NameID)' },
                    role: { type: 'string', enum: ['student', 'teacher', 'administrator'] },
                    givenName: { type: 'string' },
                    middleName: { type: 'string', description: 'tussenvoegsel' },
                    familyName: { type: 'string' },
                    birthDate: { type: 'string', format: 'date' },
                    sex: { type: 'string', enum: ['male', 'female'] },
                    email: { type: 'string' },
                    userIds: {
                        type: 'array',
                        items: { type: 'object', properties: { type: { type: 'string', enum: ['ECK iD'] }, identifier: { type: 'string' } } },
                    },
                    classes: { type: 'array', items: { type: 'object', properties: { sourcedId: { type: 'string' }, title: { type: 'string' } } } },
                    grades: { type: 'array', items: { type: 'string' } },
                    orgs: { type: 'array', items: { type: 'object', properties: { sourcedId: { type: 'string' } } } },
                    affiliations: { type: 'array', items: { type: 'string' } },
                },
            },
            UserPage: {
                type: 'object',
                properties: {
                    users: { type: 'array', items: ref('User') },
                    paging: { type: 'object', properties: { limit: { type: 'integer' }, offset: { type: 'integer' }, total: { type: 'integer' } } },
                },
            },
            Licence: {
                type: 'object',
                properties: {
                    sourcedId: { type: 'string' },
                    product: { type: 'object', properties: { sourcedId: { type: 'string' }, name: { type: 'string' } } },
                    validFrom: { type: 'string', format: 'date-time' },
                    validUntil: { type: 'string', format: 'date-time' },
                    seats: { type: 'integer', nullable: true },
                    seatsUsed: { type: 'integer' },
                    scope: { type: 'string', enum: ['all', 'assigned'] },
                    assignedClasses: { type: 'array', items: { type: 'string' } },
                    assignedUsers: { type: 'array', items: { type: 'string' } },
                },
            },
            Permission: {
                type: 'object',
                properties: { school: { type: 'string' }, granted: { type: 'boolean' }, at: { type: 'string', format: 'date-time' } },
            },
            Product: {
                type: 'object',
                properties: {
                    id: { type: 'string' },
                    participantId: { type: 'string' },
                    name: { type: 'string' },
                    method: { type: 'string', nullable: true },
                    iconUrl: { type: 'string', nullable: true },
                    launchUrl: { type: 'string', nullable: true },
                    isTeacherApp: { type: 'boolean' },
                    isTestApp: { type: 'boolean' },
                },
            },
            ProductInput: { type: 'object', additionalProperties: false, required: ['name'], properties: PRODUCT_FIELDS },
            ProductPatch: { type: 'object', additionalProperties: false, properties: PRODUCT_FIELDS },
        },
    },
});
//# sourceMappingURL=openapi.js.map