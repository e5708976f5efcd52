/** For each template of a group, a sample of its data: start-up renders every template with it. */
export type Samples<Views> = { [K in keyof Views]: Views[K] }
