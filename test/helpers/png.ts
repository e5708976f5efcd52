import { PNG } from 'pngjs'

/** What a test can say about a PNG: its size, how many colours it uses, how much is not white. */
export function pngFacts(buffer: Buffer): {
  width: number
  height: number
  colours: number
  inkShare: number
} {
  const png = PNG.sync.read(buffer)
  const colours = new Set<number>()
  let ink = 0
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!]
    colours.add((r << 16) | (g << 8) | b)
    if (r < 240 || g < 240 || b < 240) ink++
  }
  return {
    width: png.width,
    height: png.height,
    colours: colours.size,
    inkShare: ink / (png.width * png.height),
  }
}

/** Width and height as the PNG header (IHDR) states them. */
export function pngHeaderSize(buffer: Buffer): { width: number; height: number } {
  const signature = buffer.subarray(0, 8).toString('hex')
  if (signature !== '89504e470d0a1a0a') throw new Error('not a PNG')
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) }
}
