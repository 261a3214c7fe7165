"""The deployment files (Dockerfile, scripts/docker/, docker-compose.yml,
deploy/) checked without a Docker engine or a cluster, neither of which a CI
machine has: every YAML file parses and wires together (probes on the port
sluice serves /health on, the ScaledObject on the Deployment and its queue,
a Secret of placeholders only), the pipeline the cluster runs passes the
real `sluice validate`, the shell scripts pass shellcheck, LocalStack's queue
hook runs against the SQS emulator, and the runtime image's package list
covers every shared library the real build loads.

Needs the Debian packages python3-yaml and shellcheck (scripts/setup.sh
installs them); without them it fails rather than skips."""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from debian_packages import InstalledPackages, needed_sonames, packages_of, resolved_libraries
from dockerfile_reader import read_stages
from sluice_harness import SqsEmulator, run_sluice
from sluice_harness.paths import build_dir, source_dir

try:
    import yaml
except ImportError:  # reported by setUpModule, so that the test fails instead of skipping
    yaml = None

REPO = source_dir()
DEPLOY = REPO / "deploy"
DOCKER_SCRIPTS = REPO / "scripts" / "docker"
RUNTIME_PACKAGES = DOCKER_SCRIPTS / "runtime-packages.txt"
PIPELINE = REPO / "pipelines" / "user_logins.yaml"
DEBIAN_12_IMAGES = ("debian:12-slim", "debian:12", "debian:bookworm-slim", "debian:bookworm")
# bench/e2e's peak-RSS target for sluice; the pod must be given at least this much.
RSS_TARGET_MIB = 100
# Sanitizer runtimes come from an ASan/UBSan test build; the image is built without them.
SANITIZER_LIBRARY = re.compile(r"^lib(asan|ubsan|lsan|tsan|hwasan)\.so")


def setUpModule():
    missing = []
    if yaml is None:
        missing.append("python3-yaml (`import yaml` failed)")
    if shutil.which("shellcheck") is None:
        missing.append("shellcheck (not on PATH)")
    if missing:
        raise AssertionError("missing Debian packages: " + ", ".join(missing) +
                             "; install them with scripts/setup.sh (apt-get install python3-yaml shellcheck)")


# -- reading the files ---------------------------------------------------------

def yaml_documents(path: Path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d is not None]


def deploy_resources():
    """Every Kubernetes object under deploy/, with the file it came from."""
    found = []
    for path in sorted(DEPLOY.rglob("*.yaml")):
        found.extend((path, doc) for doc in yaml_documents(path))
    return found


def only(kind):
    matches = [doc for _, doc in deploy_resources() if doc.get("kind") == kind]
    if len(matches) != 1:
        raise AssertionError(f"deploy/ should hold exactly one {kind}, found {len(matches)}")
    return matches[0]


def deploy_pipeline():
    """The pipeline file the ConfigMap holds, as text."""
    data = only("ConfigMap")["data"]
    return data[Path(sluice_container()["args"][1]).name]


def sluice_container():
    return only("Deployment")["spec"]["template"]["spec"]["containers"][0]


def option_value(args, option):
    """The value following `option` in an argument list, or None."""
    return args[args.index(option) + 1] if option in args else None


def port_of(host_port):
    return int(host_port.rsplit(":", 1)[1])


def memory_mib(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "k": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?", str(quantity))
    if not match:
        raise AssertionError(f"cannot read the memory quantity {quantity!r}")
    number, unit = match.groups()
    return float(number) * (units[unit] if unit else 1 / 2**20)


def seconds(duration) -> int:
    match = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", str(duration))
    if not match or not any(match.groups()):
        raise AssertionError(f"cannot read the duration {duration!r}")
    minutes, secs = (int(g or 0) for g in match.groups())
    return minutes * 60 + secs


def runtime_packages():
    words = re.sub(r"#.*", "", RUNTIME_PACKAGES.read_text()).split()
    if not words:
        raise AssertionError(f"{RUNTIME_PACKAGES} names no package")
    return words


def queue_hook():
    return DOCKER_SCRIPTS / "localstack-create-queues.sh"


def hook_visibility_timeout():
    match = re.search(r'VisibilityTimeout\\?":\\?"(\d+)', queue_hook().read_text())
    if not match:
        raise AssertionError(f"{queue_hook()} sets no VisibilityTimeout")
    return int(match.group(1))


def validate_as_run(test, run_args, pipeline_text):
    """`sluice validate` on pipeline_text with the global options of a `run`
    command line (all after its pipeline path): both must pass the real binary."""
    test.assertEqual(run_args[0], "run")
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "pipeline.yaml"
        path.write_text(pipeline_text)
        result = run_sluice(["validate", path, *run_args[2:]], env={"SLUICE_MASK_KEY": "00" * 32})
    test.assertEqual(result.rc, 0, result.describe())


# -- the Dockerfile ------------------------------------------------------------

class DockerfileTest(unittest.TestCase):
    def setUp(self):
        self.stages = read_stages(REPO / "Dockerfile")
        self.runtime = self.stages[-1]

    def test_every_stage_is_debian_12(self):
        self.assertGreaterEqual(len(self.stages), 2, "a build stage and a runtime stage")
        for stage in self.stages:
            image = stage.image.split("@")[0]
            self.assertIn(image, DEBIAN_12_IMAGES, f"stage {stage.name or '?'} is based on {stage.image}")

    def test_every_file_it_copies_or_runs_exists(self):
        for stage in self.stages:
            copied = set()
            for copy in stage.all("COPY"):
                words = copy.arguments.split()
                if any(w.startswith("--from") for w in words):
                    continue
                for source in words[:-1]:
                    if source != ".":
                        self.assertTrue((REPO / source).exists(), f"COPY {source}: no such file in the repository")
                        copied.add(Path(source).name)
            for run in stage.all("RUN"):
                for used in re.findall(r"[\w./-]+\.(?:sh|txt)\b", run.arguments):
                    if used.startswith("scripts/"):  # run from the source tree COPY . brought in
                        self.assertTrue((REPO / used).is_file(), f"RUN {used}: no such file in the repository")
                    else:
                        self.assertIn(Path(used).name, copied, f"stage {stage.name}: RUN uses {used}, "
                                      "which no COPY brings in")

    def test_build_stage_builds_release_without_tests(self):
        build_script = (DOCKER_SCRIPTS / "build.sh").read_text()
        for setting in ("-DCMAKE_BUILD_TYPE=Release", "-DSLUICE_TESTS=OFF", "-DSLUICE_BENCH=OFF", "cmake --install"):
            self.assertIn(setting, build_script)
        runs = " ".join(r.arguments for r in self.stages[0].all("RUN"))
        self.assertRegex(runs, r"scripts/docker/build\.sh \S+ \S+ /opt/sluice\b")
        copied_from_build = [c.arguments for c in self.runtime.all("COPY") if "--from=" in c.arguments]
        for installed in ("/opt/sluice/bin/", "/opt/sluice/lib/sluice/"):
            self.assertTrue(any(installed in c for c in copied_from_build), f"runtime stage lacks {installed}")

    def test_runtime_installs_the_runtime_package_list(self):
        runs = " ".join(r.arguments for r in self.runtime.all("RUN"))
        self.assertIn("install-packages.sh", runs)
        self.assertIn(RUNTIME_PACKAGES.name, runs)

    def test_runtime_runs_the_user_logins_pipeline_as_non_root(self):
        user = self.runtime.last("USER").arguments.split(":")[0]
        self.assertNotIn(user, ("0", "root", ""), "the image must not run as root")
        entrypoint = self.runtime.last("ENTRYPOINT").exec_form()
        self.assertEqual(Path(entrypoint[0]).name, "sluice")
        command = self.runtime.last("CMD").exec_form()
        self.assertEqual(command[0], "run")
        self.assertEqual(Path(command[1]).name, PIPELINE.name)
        self.assertTrue(any(c.arguments.split()[0].rstrip("/") == "pipelines" for c in self.runtime.all("COPY")),
                        "the runtime stage copies pipelines/ in")

    def test_default_command_passes_sluice_validate(self):
        validate_as_run(self, self.runtime.last("CMD").exec_form(), PIPELINE.read_text())

    def test_metrics_port_is_exposed_and_health_checked(self):
        port = port_of(option_value(self.runtime.last("CMD").exec_form(), "--metrics-addr"))
        self.assertIn(str(port), self.runtime.last("EXPOSE").arguments.split())
        self.assertIn(f"SLUICE_METRICS_PORT={port}", self.runtime.last("ENV").arguments)
        healthcheck = self.runtime.last("HEALTHCHECK").arguments
        self.assertIn("healthcheck.sh", healthcheck)
        self.assertIn("/health", (DOCKER_SCRIPTS / "healthcheck.sh").read_text())
        self.assertIn("curl", runtime_packages(), "healthcheck.sh needs curl in the runtime image")


# -- scripts/docker ------------------------------------------------------------

class DockerScriptsTest(unittest.TestCase):
    def scripts(self):
        found = sorted(DOCKER_SCRIPTS.glob("*.sh"))
        self.assertTrue(found, f"no scripts in {DOCKER_SCRIPTS}")
        return found

    def test_scripts_are_executable_and_parse(self):
        for script in self.scripts():
            self.assertTrue(os.access(script, os.X_OK), f"{script} is not executable")
            shell = {"#!/bin/sh": "sh", "#!/usr/bin/env bash": "bash", "#!/bin/bash": "bash"}.get(
                script.read_text().splitlines()[0])
            self.assertIsNotNone(shell, f"{script}: shebang should be #!/bin/sh or bash")
            done = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, f"{shell} -n {script}:\n{done.stderr}")

    def test_scripts_pass_shellcheck(self):
        done = subprocess.run(["shellcheck", *map(str, self.scripts())], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, f"shellcheck:\n{done.stdout}{done.stderr}")

    def test_queue_hook_creates_the_queue_with_its_dead_letter_queue(self):
        """Runs LocalStack's ready hook against the SQS emulator, awscli standing in for awslocal."""
        aws = "/usr/bin/aws" if os.access("/usr/bin/aws", os.X_OK) else shutil.which("aws")
        self.assertIsNotNone(aws, "awscli is missing: scripts/setup.sh installs it")
        with SqsEmulator() as sqs, tempfile.TemporaryDirectory() as bin_dir:
            awslocal = Path(bin_dir) / "awslocal"
            awslocal.write_text(f'#!/bin/sh\nexec "{aws}" --endpoint-url "{sqs.endpoint}" "$@"\n')
            awslocal.chmod(0o755)
            env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", AWS_ACCESS_KEY_ID="test",
                       AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
            done = subprocess.run([str(queue_hook())], env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(done.returncode, 0, f"{done.stdout}{done.stderr}\n{sqs.log()}")
            queue_url = sqs.call("GetQueueUrl", {"QueueName": "login-queue"})["QueueUrl"]
            dlq_url = sqs.call("GetQueueUrl", {"QueueName": "login-queue-dlq"})["QueueUrl"]
            dlq_arn = sqs.queue_arn(dlq_url)
            attributes = sqs.call("GetQueueAttributes",
                                  {"QueueUrl": queue_url, "AttributeNames": ["All"]})["Attributes"]
        self.assertEqual(attributes["VisibilityTimeout"], str(hook_visibility_timeout()))
        redrive = json.loads(attributes["RedrivePolicy"])
        self.assertEqual(redrive["deadLetterTargetArn"], dlq_arn)
        self.assertGreater(int(redrive["maxReceiveCount"]), 1)


# -- docker-compose.yml --------------------------------------------------------

class ComposeFileTest(unittest.TestCase):
    def setUp(self):
        documents = yaml_documents(REPO / "docker-compose.yml")
        self.assertEqual(len(documents), 1)
        self.services = documents[0]["services"]
        self.sluice = self.services["sluice"]

    def mounts(self, service):
        """(repository path, container path) of each bind mount."""
        binds = [v.split(":") for v in self.services[service].get("volumes", []) if v.startswith("./")]
        return [(REPO / source, target) for source, target, *_ in binds]

    def test_sluice_is_built_from_the_dockerfile(self):
        build = self.sluice["build"]
        context = build if isinstance(build, str) else build.get("context", ".")
        self.assertEqual((REPO / context).resolve(), REPO.resolve())
        self.assertTrue((REPO / context / "Dockerfile").is_file())

    def test_postgres_15_creates_the_target_table(self):
        self.assertEqual(self.services["postgres"]["image"], "postgres:15")
        init_scripts = [s for s, t in self.mounts("postgres") if t.startswith("/docker-entrypoint-initdb.d/")]
        self.assertEqual(init_scripts, [REPO / "pipelines" / "user_logins.sql"])

    def test_localstack_runs_the_queue_hook_when_ready(self):
        self.assertTrue(self.services["localstack"]["image"].startswith("localstack/localstack:"))
        hooks = [s for s, t in self.mounts("localstack") if t.startswith("/etc/localstack/init/ready.d/")]
        self.assertEqual(hooks, [queue_hook()])

    def test_sluice_waits_for_healthy_dependencies(self):
        depends_on = self.sluice["depends_on"]
        for service in ("postgres", "localstack"):
            self.assertEqual(depends_on[service]["condition"], "service_healthy")
            self.assertIn("test", self.services[service]["healthcheck"])

    def test_sluice_environment_points_at_the_services(self):
        env = self.sluice["environment"]
        for name in ("PG_DSN", "SQS_QUEUE_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SLUICE_MASK_KEY"):
            self.assertIn(name, env)
        self.assertRegex(env["SQS_QUEUE_URL"], r"^http://localstack:4566/\d{12}/login-queue$")
        self.assertRegex(env["PG_DSN"], r"^postgresql://[^:@]+@postgres:5432/")
        self.assertRegex(env["SLUICE_MASK_KEY"], r"^\$\{SLUICE_MASK_KEY[:?}]", "the key comes from .env or the shell")

    def test_command_passes_sluice_validate(self):
        validate_as_run(self, self.sluice["command"], PIPELINE.read_text())

    def test_metrics_port_is_published_and_shutdown_has_time(self):
        port = port_of(option_value(self.sluice["command"], "--metrics-addr"))
        published = [str(p).rsplit(":", 1)[-1] for p in self.sluice["ports"]]
        self.assertIn(str(port), published)
        self.assertGreater(seconds(self.sluice["stop_grace_period"]), hook_visibility_timeout())


# -- deploy/ (Kubernetes) ------------------------------------------------------

class KubernetesManifestsTest(unittest.TestCase):
    def test_every_manifest_is_a_named_kubernetes_object(self):
        resources = deploy_resources()
        self.assertTrue(resources, "no YAML in deploy/")
        for path, doc in resources:
            self.assertIn("apiVersion", doc, path)
            self.assertIn("kind", doc, path)
            if doc["kind"] != "Kustomization":
                self.assertTrue(doc.get("metadata", {}).get("name"), f"{path}: {doc['kind']} without a name")
        kinds = {doc["kind"] for _, doc in resources}
        for kind in ("Deployment", "ConfigMap", "Secret", "ServiceAccount", "Service", "ScaledObject",
                     "TriggerAuthentication"):
            self.assertIn(kind, kinds)

    def test_kustomization_lists_existing_files_but_not_the_secret_template(self):
        listed = only("Kustomization")["resources"]
        for name in listed:
            self.assertTrue((DEPLOY / name).is_file(), f"kustomization.yaml lists missing {name}")
        for path, doc in deploy_resources():
            if doc["kind"] == "Secret":
                self.assertNotIn(path.name, listed, "a template of placeholders must never be applied")

    def test_deployment_runs_the_configmap_pipeline_with_json_logs_and_metrics(self):
        container = sluice_container()
        args = container["args"]
        self.assertEqual(args[0], "run")
        self.assertEqual(option_value(args, "--log-format"), "json")
        mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
        configmap = only("ConfigMap")["metadata"]["name"]
        volumes = only("Deployment")["spec"]["template"]["spec"]["volumes"]
        from_configmap = [v["name"] for v in volumes if v.get("configMap", {}).get("name") == configmap]
        self.assertEqual([mounts.get(name) for name in from_configmap], [str(Path(args[1]).parent)])

    def test_probes_and_scraping_use_the_metrics_port(self):
        container = sluice_container()
        port = port_of(option_value(container["args"], "--metrics-addr"))
        named = {p["name"]: p["containerPort"] for p in container["ports"]}
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            get = container[probe]["httpGet"]
            self.assertEqual(get["path"], "/health", probe)
            self.assertEqual(named.get(get["port"], get["port"]), port, probe)
        template = only("Deployment")["spec"]["template"]
        self.assertEqual(template["metadata"]["annotations"]["prometheus.io/port"], str(port))
        service = only("Service")["spec"]
        self.assertEqual(named.get(service["ports"][0]["targetPort"], service["ports"][0]["targetPort"]), port)
        self.assertLessEqual(service["selector"].items(), template["metadata"]["labels"].items())

    def test_pod_runs_non_root_with_a_read_only_root(self):
        pod = only("Deployment")["spec"]["template"]["spec"]
        container = sluice_container()["securityContext"]
        self.assertTrue(pod["securityContext"]["runAsNonRoot"])
        image_user = read_stages(REPO / "Dockerfile")[-1].last("USER").arguments.split(":")[0]
        self.assertEqual(str(pod["securityContext"]["runAsUser"]), image_user)
        self.assertTrue(container["readOnlyRootFilesystem"])
        self.assertFalse(container["allowPrivilegeEscalation"])
        self.assertEqual(container["capabilities"]["drop"], ["ALL"])

    def test_resources_leave_room_for_the_memory_target(self):
        resources = sluice_container()["resources"]
        for bound in ("requests", "limits"):
            self.assertIn("cpu", resources[bound])
            self.assertGreaterEqual(memory_mib(resources[bound]["memory"]), RSS_TARGET_MIB, bound)
        self.assertGreater(memory_mib(resources["limits"]["memory"]), memory_mib(resources["requests"]["memory"]))

    def test_grace_period_outlasts_the_visibility_timeout(self):
        grace = only("Deployment")["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
        visibility = yaml.safe_load(deploy_pipeline())["source"]["visibility_timeout"]
        self.assertGreater(grace, visibility)

    def test_secret_template_holds_only_placeholders(self):
        secret = only("Secret")
        self.assertNotIn("data", secret, "base64 data could hide a real value; use stringData placeholders")
        for key, value in secret["stringData"].items():
            self.assertRegex(value, r"^<[^<>]+>$", f"{key} must be a <placeholder>, not a value")
        for env in sluice_container()["env"]:
            ref = env.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                self.assertEqual(ref["name"], secret["metadata"]["name"])
                self.assertIn(ref["key"], secret["stringData"], f"{env['name']} reads a key the template lacks")

    def test_aws_access_comes_from_irsa_not_from_keys(self):
        account = only("ServiceAccount")
        pod = only("Deployment")["spec"]["template"]["spec"]
        self.assertEqual(pod["serviceAccountName"], account["metadata"]["name"])
        self.assertRegex(account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"],
                         r"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$")
        names = {env["name"] for env in sluice_container()["env"]}
        for key_variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            self.assertNotIn(key_variable, names)
            self.assertNotIn(key_variable, only("Secret")["stringData"])

    def test_scaled_object_scales_the_deployment_on_its_queue(self):
        scaled = only("ScaledObject")["spec"]
        deployment = only("Deployment")
        self.assertEqual(scaled["scaleTargetRef"]["name"], deployment["metadata"]["name"])
        self.assertEqual(scaled["scaleTargetRef"].get("kind", "Deployment"), "Deployment")
        self.assertNotIn("replicas", deployment["spec"], "KEDA owns the replica count")
        self.assertGreaterEqual(scaled["minReplicaCount"], 0)
        self.assertGreaterEqual(scaled["maxReplicaCount"], max(1, scaled["minReplicaCount"]))
        trigger, = scaled["triggers"]
        self.assertEqual(trigger["type"], "aws-sqs-queue")
        env = {e["name"]: e.get("value") for e in sluice_container()["env"]}
        self.assertEqual(trigger["metadata"]["queueURL"], env["SQS_QUEUE_URL"])
        self.assertEqual(trigger["metadata"]["awsRegion"], env["AWS_REGION"])
        self.assertGreater(int(trigger["metadata"]["queueLength"]), 0)
        self.assertEqual(trigger["authenticationRef"]["name"], only("TriggerAuthentication")["metadata"]["name"])

    def test_configmap_pipeline_is_the_repository_pipeline(self):
        deployed = yaml.safe_load(deploy_pipeline())
        deployed["source"].pop("visibility_timeout")
        self.assertEqual(deployed, yaml.safe_load(PIPELINE.read_text()),
                         "deploy/configmap.yaml drifted from pipelines/user_logins.yaml")

    def test_configmap_pipeline_passes_sluice_validate_with_the_deployment_options(self):
        validate_as_run(self, sluice_container()["args"], deploy_pipeline())


# -- the runtime image's libraries ---------------------------------------------

class RuntimeLibrariesTest(unittest.TestCase):
    def binaries(self):
        build = build_dir()
        plugins = sorted((build / "lib" / "sluice").glob("*.so"))
        self.assertTrue((build / "bin" / "sluice").is_file(), f"no sluice in {build}/bin: build it first")
        self.assertTrue(plugins, f"no plugins in {build}/lib/sluice")
        return [build / "bin" / "sluice", *plugins]

    def test_runtime_packages_are_debian_packages_installed_here(self):
        installed = InstalledPackages()
        for package in runtime_packages():
            self.assertTrue(installed.installed(package),
                            f"{package} (runtime-packages.txt) is not installed on this Debian 12 machine")

    def test_runtime_packages_cover_every_shared_library(self):
        installed = InstalledPackages()
        listed = set(runtime_packages()) | installed.base
        available = installed.closure(listed)
        loaded = {binary: {soname: path for soname, path in resolved_libraries(binary).items()
                           if not SANITIZER_LIBRARY.match(soname)} for binary in self.binaries()}
        package_of = packages_of({path for libraries in loaded.values() for path in libraries.values()})
        problems = []
        for binary, libraries in loaded.items():
            direct = set(needed_sonames(binary))
            for soname, path in libraries.items():
                package = package_of[path]
                if soname in direct and package not in listed:
                    problems.append(f"{binary.name} links {soname} from {package}, which runtime-packages.txt lacks")
                elif package not in available:
                    problems.append(f"{binary.name} loads {soname} from {package}, which no runtime package brings")
        self.assertEqual(problems, [], "\n".join(problems))


if __name__ == "__main__":
    unittest.main()
