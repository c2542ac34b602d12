/** The audit log's facade ({@code AuditLog}) and its one chainer ({@code AuditJobs}). */
package org.amicus.core.audit.boundary;
