export default async function globalTeardown() {
  await (globalThis as { __govInfra?: { stop(): Promise<void> } }).__govInfra?.stop();
}
