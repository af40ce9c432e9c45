"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createTestDatabase = createTestDatabase;
const node_crypto_1 = require("node:crypto");
const pg_1 = require("pg");
const migrations_1 = require("../../src/migrations");
const database_1 = require("../../src/core/database/database.js");
function adminUrl() {
    const url = process.env.TEST_ADMIN_DATABASE_URL;
    if (!url)
        throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through jest (global setup)');
    return url;
}
function withDatabase(url, db) {
    const u = new URL(url);
    u.pathname = `/${db}`;
    return u.toString();
}
/** Name of the migrated template database for the current set of migrations. */
function templateName() {
    const hash = (0, node_crypto_1.createHash)('sha1').update(migrations_1.MIGRATIONS.map((m) => m.name).join(',')).digest('hex').slice(0, 12);
    return `keyuan_tpl_${hash}`;
}
async function withAdmin(fn) {
    const c = new pg_1.Client({ connectionString: adminUrl() });
    await c.connect();
    try {
        return await fn(c);
    }
    finally {
        await c.end();
    }
}
/**
 * A fresh database for one test file, copied from a migrated template (built once per migration set,
 * under an advisory lock so parallel workers wait for the first).
 */
async function createTestDatabase() {
    const tpl = templateName();
    const name = `keyuan_t_${process.env.JEST_WORKER_ID ?? '0'}_${(0, node_crypto_1.randomBytes)(4).toString('hex')}`;
    await withAdmin(async (c) => {
        await c.query(`SELECT pg_advisory_lock(hashtext('keyuan-test-template'))`);
        try {
            const exists = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [tpl]);
            if (!exists.rowCount) {
                const building = `${tpl}_build`;
                await c.query(`DROP DATABASE IF EXISTS ${building}`);
                await c.query(`CREATE DATABASE ${building} TEMPLATE template0 ENCODING 'UTF8'`);
                await (0, database_1.runMigrations)(withDatabase(adminUrl(), building));
                await c.query(`ALTER DATABASE ${building} RENAME TO ${tpl}`);
            }
            await c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
        }
        finally {
            await c.query(`SELECT pg_advisory_unlock(hashtext('keyuan-test-template'))`);
        }
    });
    return {
        url: withDatabase(adminUrl(), name),
        drop: () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
    };
}
//# sourceMappingURL=test-database.js.map