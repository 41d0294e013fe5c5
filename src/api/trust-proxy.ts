/**
 * The client address behind a reverse proxy (FUWU_TRUST_PROXY): the sign-in limits key on
 * request.ip, which is the proxy's own address unless fastify is told which proxies to believe.
 */

/** fastify takes a hop count for trustProxy, but its types do not: trust the nearest `hops` proxies. */
export function trustProxyOption(
  t: boolean | number | string,
): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address: string, hop: number) => hop < t : t;
}
