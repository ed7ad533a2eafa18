/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's GraphQL endpoint the sign-in form starts with (default http://localhost:4000/graphql). */
  readonly VITE_AEO_API_URL?: string;
}
