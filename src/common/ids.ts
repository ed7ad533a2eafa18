// The shape of the ids the app generates (randomUUID: lower-case v4 uuids), checked wherever an
// id arrives from outside (global ids, token claims, cursor keys) before it reaches the database.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isUuid = (value: string): boolean => UUID.test(value);
