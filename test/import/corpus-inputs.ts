// Where the shared shapefile corpora are (read in place, never copied) and which inputs of
// each the suite runs. Paths are relative to the repository root: ../shared/corpora/shapefile.
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const CORPUS = join(ROOT, '..', 'shared', 'corpora', 'shapefile')
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data')

/** Every dataset of the shapefile-js corpus: loose .shp files and zips, hostile ones included. */
export const SHAPEFILE_JS_INPUTS = [
  'test/data/LGA_2013_AUST.shp',
  'test/data/SHP_Exclude.zip',
  'test/data/T8Th4_6n.zip',
  'test/data/bad.shp',
  'test/data/badzip.zip',
  'test/data/codepage.shp',
  'test/data/codepage.zip',
  'test/data/counties.shp',
  'test/data/counties.zip',
  'test/data/export_multipointz.shp',
  'test/data/export_polylinez.shp',
  'test/data/htmlcpg.shp',
  'test/data/htmlprj.shp',
  'test/data/ipra_dresden_polygon.shp',
  'test/data/mixedcase.zip',
  'test/data/no-dbf.shp',
  'test/data/no-dbf.zip',
  'test/data/noshp.zip',
  'test/data/qgis.zip',
  'test/data/senate.shp',
  'test/data/senate.zip',
  'test/data/train_stations.zip',
  'test/data/utf.shp',
  'test/data/utf.zip',
  'test/data/zero-len-line.zip',
  'files/TM_WORLD_BORDERS_SIMPL-0.3.shp',
  'files/TM_WORLD_BORDERS_SIMPL-0.3.zip',
  'files/counties5.zip',
  'files/empty-shp.zip',
  'files/maSP.zip',
  'files/nj_counties.zip',
  'files/pandr.shp',
  'files/pandr.zip',
]
