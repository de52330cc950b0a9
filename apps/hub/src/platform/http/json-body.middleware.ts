import express, { ErrorRequestHandler } from 'express';

/** The JSON body parser, with a 100 kB limit like Nest's default. */
export const jsonBody = express.json({ limit: '100kb' });

/**
 * A body that is not JSON gets one plain reason: the parser's own message quotes the body, which
 * may hold patient data, back into responses and logs.
 */
export const jsonBodyErrors: ErrorRequestHandler = (error, _request, response, next) => {
  if ((error as { type?: string }).type !== 'entity.parse.failed') return next(error);
  response.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: ['the request body is not valid JSON'],
  });
};
