import ExcelJS from 'exceljs'

/**
 * Everything a reader sees of an .xlsx file, as plain data: per sheet its name, views, filter,
 * column widths and formats, and every cell's value, number format and boldness.
 */
export async function dumpWorkbook(file: string): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[] = []
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: unknown[] = []
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c)
        const value = cell.value instanceof Date ? cell.value.toISOString() : cell.value
        cells.push([value, cell.numFmt ?? null, cell.font?.bold ?? null])
      }
      rows.push([n, cells])
    })
    return {
      name: sheet.name,
      views: sheet.views,
      autoFilter: sheet.autoFilter,
      widths: sheet.columns.map((c) => c.width ?? null),
      colFmts: sheet.columns.map((c) => c.numFmt ?? null),
      rows,
    }
  })
}
