// POST /api/reports as the page sends and reads it (contract of issue 13, reports helper): a
// point, a category and a text in; the new report's id, status and routing out.

export interface ReportRouting {
  chief: {
    id: string
    name: string | null
    position: string | null
    level: string | null
    scope: { kind: string | null; code: string | null; name?: string }
  } | null
  office: { code: string; name: string }
  oversight: { name: string }
}

export interface FiledReport {
  id: number | string
  status: string
  routed: ReportRouting
}

/** The body of a report at `point` (lon/lat degrees, EPSG:4490 as the map gives it). */
export const reportBody = (point: [number, number], category: string, text: string) => ({
  point,
  crs: 'EPSG:4490',
  category,
  text,
})
