import ExcelJS from 'exceljs'
import { parse as parseCsv } from 'csv-parse/sync'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { extname } from 'node:path'
import {
  roomsSheetName,
  unitsSheetName,
  type Cell,
  type RosterSheets,
  type SheetTable,
} from '../src/roster/roster-sheet.js'

/** What a cell holds, as text or a number: formulas by their result, rich text by its words. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean' || value instanceof Date) return String(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('result' in value) return cellOf(value.result as ExcelJS.CellValue)
  if ('text' in value) return String(value.text)
  return undefined
}

function tableOf(sheet: ExcelJS.Worksheet): SheetTable {
  const rows: SheetTable['rows'] = []
  let header: Cell[] = []
  sheet.eachRow((row, number) => {
    const cells: Cell[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellOf(cell.value)))
    if (number === 1) header = cells
    else rows.push({ row: number, cells })
  })
  return { header, rows }
}

/** A CSV's rows, numbered by the line each starts on; a UTF-8 byte-order mark is dropped. */
function csvTable(text: string): SheetTable {
  // With info: true each record comes with where it was read; the typings know only plain rows.
  const records = parseCsv(text, {
    bom: true,
    info: true,
    relax_column_count: true,
  }) as unknown as Array<{
    record: string[]
    info: { lines: number }
  }>
  const [first, ...rest] = records
  return {
    header: first?.record ?? [],
    rows: rest.map(({ record, info }) => ({ row: info.lines, cells: record })),
  }
}

/**
 * The sheets of a roster workbook (the first sheet, or 单位, for the units; 群 for the rooms) or
 * of a CSV of units, with its rooms from a second CSV when given.
 */
export async function readRosterSheets(file: string, roomsFile?: string): Promise<RosterSheets> {
  if (extname(file).toLowerCase() === '.csv') {
    const units = csvTable(await readFile(file, 'utf8'))
    return roomsFile ? { units, rooms: csvTable(await readFile(roomsFile, 'utf8')) } : { units }
  }
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const units = workbook.getWorksheet(unitsSheetName) ?? workbook.worksheets[0]
  if (!units) return { units: { header: [], rows: [] } }
  const rooms = workbook.getWorksheet(roomsSheetName)
  return { units: tableOf(units), ...(rooms ? { rooms: tableOf(rooms) } : {}) }
}

/** Writes the roster's sheets as a workbook (header row bold and frozen), whole or not at all. */
export async function writeRosterWorkbook(
  sheets: Required<RosterSheets>,
  file: string,
): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  for (const [name, table] of [
    [unitsSheetName, sheets.units],
    [roomsSheetName, sheets.rooms],
  ] as const) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.addRow(table.header).font = { bold: true }
    for (const { cells } of table.rows) sheet.addRow(cells.map((c) => (c === '' ? null : c)))
    sheet.columns.forEach((column, i) => {
      const widest = Math.max(
        ...[table.header, ...table.rows.map((r) => r.cells)].map((c) => String(c[i] ?? '').length),
      )
      // CJK characters are about two columns wide.
      column.width = Math.min(60, Math.max(8, widest * 2 + 2))
    })
  }
  await writeWhole(file, Buffer.from(await workbook.xlsx.writeBuffer()))
}

/** Writes a file whole or not at all: a reader never finds half of it, nor a crash half a file. */
export async function writeWhole(file: string, data: string | Buffer): Promise<void> {
  const partial = `${file}.partial`
  await writeFile(partial, data)
  await rename(partial, file)
}
