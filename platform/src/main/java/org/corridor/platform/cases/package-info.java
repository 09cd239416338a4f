/**
 * The vocabulary of case events that case-service publishes and report-service counts by (see
 * case-service/asyncapi.yaml): codes only, never personal data.
 */
package org.corridor.platform.cases;
