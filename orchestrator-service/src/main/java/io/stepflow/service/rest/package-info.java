/**
 * The REST API under {@code /api/v1} for teams and the dashboard: JSON resources over the same
 * services as the AWS-compatible API, with errors as RFC 9457 problem details.
 *
 * <p>Controllers take their services {@code @Lazy}: web slices that load every controller (such as
 * the dashboard's route test) then start without the service layer.
 */
package io.stepflow.service.rest;
