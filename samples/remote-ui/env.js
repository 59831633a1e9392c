// The deployment's settings, in the shape of the Atoti UI's env.js (ATOTI-CONTRACT.md "Atoti UI env.js").
// This one describes the end-to-end system: the UI on its own host, the JWT server (identity and token
// behind one gateway host) and two cubes, each behind its ping sidecar, all under one site.
window.env = {
  jwtServer: { url: "https://auth.atotiauth.test", version: "6.1.1" },
  atotiServers: {
    cube1: { url: "https://cube1.atotiauth.test", version: "6.1.1" },
    cube2: { url: "https://cube2.atotiauth.test", version: "6.1.1" },
  },
};
