import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormat, { name: 'ExportFormat' });

export enum ExportStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(ExportStatus, { name: 'ExportStatus' });

@ObjectType('ExportJob', { description: 'A complaint export; large ones run in the background and are fetched from downloadPath when DONE' })
export class ExportJobType {
  @Field(() => ID, { nullable: true, description: 'Absent for an export small enough to stream at once' })
  id!: string | null;

  @Field(() => ExportFormat)
  format!: ExportFormat;

  @Field(() => ExportStatus)
  status!: ExportStatus;

  @Field(() => Int, { nullable: true })
  rowCount!: number | null;

  @Field(() => String, { nullable: true, description: 'GET it on the API host with the same Authorization header' })
  downloadPath!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
