package org.amicus.web.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A sensitive change: the person must have given their password and a code within the last few minutes
 * (at sign-in or through {@code POST /api/v1/sessions/current/reauthenticate}); otherwise 403
 * {@code reauthentication-required}. The operator token always counts as fresh.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Reauthenticated {}
