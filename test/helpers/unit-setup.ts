// Runs before each test file of the unit project (jest.config.js): unit tests get no PostgreSQL and
// no Redis, even in a full run where the integration project's globalSetup has started them. A
// unit test that reaches for either fails (startTestServer: "globalSetup did not run") or, for
// Redis through testRedisUrl(), is skipped: it belongs in the integration project.
// Jest gives each test file its own copy of process.env, so this does not reach other files.
delete process.env.TEST_DATABASE_SERVER_URL;
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
