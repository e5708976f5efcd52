/**
 * The data each template is rendered with, and a sample of it, gathered from one module per
 * group of messages. Start-up renders every template against its sample, so a template that
 * names a field that does not exist fails at start, not at 20:00.
 */
import { bulletinSamples, type BulletinViews } from './views/bulletin.js'
import { checksSamples, type CheckViews } from './views/checks.js'
import { commandSamples, type CommandViews } from './views/command.js'
import { exportSamples, type ExportViews } from './views/exports.js'
import { fieldSamples, type FieldViews } from './views/field.js'
import { healthSamples, type HealthViews } from './views/health.js'
import { inspectionSamples, type InspectionViews } from './views/inspection.js'
import { reportSamples, type ReportViews } from './views/report.js'
import { reviewSamples, type ReviewViews } from './views/review.js'
import { roomSamples, type RoomViews } from './views/rooms.js'
import { scheduleSamples, type ScheduleViews } from './views/schedule.js'
import type { Samples } from './views/samples.js'
import { webSamples, type WebViews } from './views/web.js'

export type { HeadcountLine } from './views/report.js'

export interface TemplateViews
  extends
    ReportViews,
    CommandViews,
    ScheduleViews,
    BulletinViews,
    CheckViews,
    FieldViews,
    InspectionViews,
    ExportViews,
    RoomViews,
    HealthViews,
    ReviewViews,
    WebViews {}

export type TemplateName = keyof TemplateViews

export const samples: Samples<TemplateViews> = {
  ...reportSamples,
  ...commandSamples,
  ...scheduleSamples,
  ...bulletinSamples,
  ...checksSamples,
  ...fieldSamples,
  ...inspectionSamples,
  ...exportSamples,
  ...roomSamples,
  ...healthSamples,
  ...reviewSamples,
  ...webSamples,
}
