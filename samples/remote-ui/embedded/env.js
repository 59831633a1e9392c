// env.js of the embedded variant: the page is served by the JWT server itself under /ui/
// (Atoti's recommended deployment), so the JWT server is the page's own origin.
window.env = {
  jwtServer: { url: window.location.origin, version: "6.1.1" },
  atotiServers: {
    cube1: { url: "https://cube1.atotiauth.test", version: "6.1.1" },
    cube2: { url: "https://cube2.atotiauth.test", version: "6.1.1" },
  },
};
