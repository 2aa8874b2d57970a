/**
 * Reads one uploaded .xlsx from a multipart request (field `file`): the shared intake of the small imports (calendar,
 * service-group members). Refuses non-multipart bodies, other fields, macro workbooks and non-.xlsx names before
 * reading, and oversize files with the same Chinese messages as the roster import. The route's plugin registers
 * @fastify/multipart with `throwFileSizeLimit: true`.
 */
import '@fastify/multipart'; // request.isMultipart() / request.file() types
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../errors.ts';
import { xlsxErrors } from './xlsx-inspect.ts';

export async function receiveXlsxUpload(request: FastifyRequest, options: { maxBytes: number; defaultName: string }): Promise<{ fileName: string; buffer: Buffer }> {
  if (!request.isMultipart()) throw badRequest({ zh: '请以 multipart/form-data 方式上传文件（字段名 file）', en: 'Upload the file as multipart/form-data (field "file")' });
  try {
    const part = await request.file({ limits: { fileSize: options.maxBytes, files: 1, fields: 2, parts: 3 } });
    if (!part || part.fieldname !== 'file') throw badRequest({ zh: '请选择要上传的 .xlsx 文件（字段名 file）', en: 'Choose an .xlsx file (field "file")' });
    const fileName = (part.filename || options.defaultName).replace(/^.*[\\/]/, '').slice(0, 100);
    if (!/\.xlsx$/i.test(fileName)) {
      part.file.resume();
      throw /\.xl[st]m$|\.xlam$/i.test(fileName) ? xlsxErrors.macro() : xlsxErrors.notXlsx();
    }
    const buffer = await part.toBuffer();
    if (part.file.truncated) throw xlsxErrors.tooLarge(options.maxBytes);
    return { fileName, buffer };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw xlsxErrors.tooLarge(options.maxBytes);
    throw badRequest({ zh: '上传内容不完整或格式不正确，请重新上传', en: 'The upload is malformed; try again' });
  }
}
