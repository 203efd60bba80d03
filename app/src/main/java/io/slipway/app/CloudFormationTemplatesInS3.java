package io.slipway.app;

import io.slipway.cloudformation.template.TemplateException;
import io.slipway.cloudformation.template.TemplateLocation;
import io.slipway.cloudformation.template.TemplateObjects;
import io.slipway.core.Namespace;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.OpenObject;
import io.slipway.s3.storage.S3Storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Templates that TemplateURLs and AWS::Include name, read from Slipway's own S3 as the caller's account. */
record CloudFormationTemplatesInS3(S3Storage s3) implements TemplateObjects {

    @Override
    public String read(Namespace ns, TemplateLocation location, int maxBytes) {
        try (OpenObject object = s3.openObject(ns.account(), location.bucket(), location.key(), Optional.empty())) {
            if (object.info().size() > maxBytes) {
                throw TemplateObjects.tooLarge(maxBytes);
            }
            try (InputStream in = object.body().stream(0)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (AwsException e) {
            // CloudFormation passes S3's own message on: "S3 error: Access Denied" for another account's bucket
            throw new TemplateException("S3 error: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
