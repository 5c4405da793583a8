"""Deployment files. A package only so that the Slack manifests ship with the installed bot
(`samverkansbot manifest` prints them in a Docker image too)."""
