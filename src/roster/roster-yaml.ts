import { Document, isScalar, visit } from 'yaml'
import type { RosterFile } from './roster-sheet.js'

/**
 * The roster file's text, written as roster.example.yaml is: a unit without units under it, a
 * room and a list of names each on one line.
 * @example rosterYaml({ timezone: 'Asia/Shanghai', units: [{ name: '龙城派出所', target: 150 }] })
 */
export function rosterYaml(file: RosterFile): string {
  const doc = new Document(file)
  visit(doc, {
    Map(_, node) {
      if (!node.has('units') && !node.has('rooms')) node.flow = true
    },
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true
    },
  })
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true })
}
