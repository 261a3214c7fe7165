#!/bin/sh
# LocalStack "ready" hook for docker-compose.yml: creates login-queue as
# production would have it, with a dead-letter queue that takes a message
# after 5 failed receives, and a visibility timeout shorter than sluice's
# stop grace period (see deploy/README.md).
set -eu

queue=login-queue
dead_letter_queue=login-queue-dlq

awslocal sqs create-queue --queue-name "$dead_letter_queue" >/dev/null
dlq_url=$(awslocal sqs get-queue-url --queue-name "$dead_letter_queue" --query QueueUrl --output text)
dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)

redrive_policy="{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}"
awslocal sqs create-queue --queue-name "$queue" \
  --attributes "{\"VisibilityTimeout\":\"60\",\"RedrivePolicy\":\"$redrive_policy\"}" >/dev/null
echo "created $queue (dead letters: $dead_letter_queue)"
