// The container's HEALTHCHECK (Dockerfile, docker-compose.yml): exit 0 when the process answers
// 200 on HEALTHCHECK_URL, default the API's liveness on PORT. The worker image sets
// HEALTHCHECK_URL to its own /healthz on WORKER_HTTP_PORT. No dependency, no shell needed.
/* global fetch, AbortSignal */
'use strict';

const url = process.env.HEALTHCHECK_URL || `http://127.0.0.1:${process.env.PORT || 4000}/healthz`;
fetch(url, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
