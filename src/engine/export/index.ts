export { exportQuery } from './export';
export type { ExportFormat, ExportOptions, ExportProgress, ExportSession } from './export';
export { csvBatch, csvHeader, csvRows, csvText } from './csv';
export type { CsvOptions } from './csv';
export { downloadSink, memorySink, openSink } from './sink';
export type { ExportSink, SinkFile } from './sink';
export { createParquetEncoder } from './parquet-encoder';
export type { ParquetEncoder } from './parquet-encoder';
export { streamBatches } from './stream';
