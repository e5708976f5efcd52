import Handlebars from 'handlebars'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { samples, type TemplateName, type TemplateViews } from './views.js'

export const defaultTemplatesDir = fileURLToPath(new URL('.', import.meta.url))

/** A template that cannot be used, naming its file and what is wrong. */
export class TemplateError extends Error {
  constructor(problems: string[]) {
    super(`templates are not usable:\n- ${problems.join('\n- ')}`)
    this.name = 'TemplateError'
  }
}

export interface Templates {
  render<K extends TemplateName>(name: K, data: TemplateViews[K]): string
}

/** Trims each rendered message and drops blank lines a block left behind. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim()
}

/**
 * Reads and compiles every template in `dir` (`<name>.hbs`), rendering each against its
 * sample so a broken template stops start-up with the file named.
 */
export function loadTemplates(dir = defaultTemplatesDir): Templates {
  const handlebars = Handlebars.create()
  const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>()
  const problems: string[] = []
  for (const name of Object.keys(samples) as TemplateName[]) {
    const file = join(dir, `${name}.hbs`)
    try {
      const template = handlebars.compile(readFileSync(file, 'utf8'), {
        strict: true,
        noEscape: true,
      })
      template(samples[name])
      compiled.set(name, template)
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message.split('\n').join(' ')}`)
    }
  }
  if (problems.length > 0) throw new TemplateError(problems)
  return {
    render(name, data) {
      return tidy(compiled.get(name)!(data))
    },
  }
}
