package dev.lednet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Terraform module (terraform/), as HashiCorp's HCL parser reads it: terraform itself and
 * its Google provider cannot be installed here, so deploy/parse-terraform.sh runs the parser
 * (@cdktf/hcl2json, HCL compiled to WebAssembly) and commits its JSON with each file's SHA-256.
 * This test fails when a .tf file changed after that (run the script), and checks from the JSON
 * what the module promises: the APIs, one bucket with uniform access and a temp lifecycle, a
 * Docker repository, a worker service account with only the three roles Dataflow needs, validated
 * and described variables, and outputs the lednet commands take.
 */
class TerraformModuleTest {

  private static final Path TERRAFORM = WorkerDockerfileTest.ROOT.resolve("terraform");
  private static final String WORKER = "${local.worker_member}";

  private static JsonNode parsed;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = TerraformModuleTest.class.getResourceAsStream("/terraform-parsed.json")) {
      parsed = new ObjectMapper().readTree(in);
    }
  }

  private static JsonNode hcl(String file) {
    return parsed.path("files").path(file).path("hcl");
  }

  /** Every block of a kind ("resource", "variable", ...) across the files, by type and name. */
  private static Map<String, JsonNode> blocks(String kind) {
    Map<String, JsonNode> found = new TreeMap<>();
    parsed.path("files").forEach(file -> file.path("hcl").path(kind).fields().forEachRemaining(type -> {
      if (kind.equals("resource")) {
        type.getValue().fields().forEachRemaining(named -> found.put(type.getKey() + "." + named.getKey(), named.getValue().get(0)));
      } else {
        found.put(type.getKey(), type.getValue().get(0));
      }
    }));
    return found;
  }

  @Test
  void theParsedSnapshotIsOfTheCommittedFiles() throws IOException, NoSuchAlgorithmException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.list(TERRAFORM)) {
      for (Path tf : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tf));
        hashes.put(tf.getFileName().toString(), HexFormat.of().formatHex(digest));
      }
    }
    Map<String, String> snapshot = new TreeMap<>();
    parsed.path("files").fields().forEachRemaining(f -> snapshot.put(f.getKey(), f.getValue().path("sha256").asText()));
    assertEquals(
        snapshot,
        hashes,
        "terraform/ changed since deploy/src/test/resources/terraform-parsed.json was made:"
            + " run deploy/parse-terraform.sh and commit its output");
    assertEquals(List.of("main.tf", "outputs.tf", "variables.tf", "versions.tf"), List.copyOf(hashes.keySet()));
  }

  @Test
  void theGoogleProviderIsPinnedAndTheApisDataflowNeedsAreEnabled() {
    JsonNode google = hcl("versions.tf").path("terraform").get(0).path("required_providers").get(0).path("google");
    assertEquals("hashicorp/google", google.path("source").asText());
    assertFalse(google.path("version").asText().isEmpty());
    String apis = hcl("main.tf").path("locals").get(0).path("apis").asText();
    for (String api :
        List.of("dataflow", "compute", "storage", "logging", "artifactregistry", "iam", "cloudresourcemanager")) {
      assertTrue(apis.contains("\"" + api + ".googleapis.com\""), api + " in " + apis);
    }
    JsonNode services = blocks("resource").get("google_project_service.apis");
    assertEquals("${local.apis}", services.path("for_each").asText());
    assertFalse(services.path("disable_on_destroy").asBoolean(true));
  }

  @Test
  void oneBucketWithUniformAccessAndTempFilesDeletedByAge() {
    Map<String, JsonNode> resources = blocks("resource");
    assertEquals(1, resources.keySet().stream().filter(r -> r.startsWith("google_storage_bucket.")).count());
    JsonNode bucket = resources.get("google_storage_bucket.data");
    assertTrue(bucket.path("uniform_bucket_level_access").asBoolean());
    assertEquals("enforced", bucket.path("public_access_prevention").asText());
    assertEquals("${upper(var.region)}", bucket.path("location").asText(), "regional, beside the workers");
    JsonNode temp = null;
    for (JsonNode rule : bucket.path("lifecycle_rule")) {
      if (rule.path("condition").get(0).path("matches_prefix").toString().equals("[\"temp/\"]")) {
        temp = rule;
      }
    }
    assertTrue(temp != null, bucket.toString());
    assertEquals("Delete", temp.path("action").get(0).path("type").asText());
    assertEquals("${var.temp_retention_days}", temp.path("condition").get(0).path("age").asText());
    assertEquals("DOCKER", resources.get("google_artifact_registry_repository.images").path("format").asText());
  }

  @Test
  void theWorkerServiceAccountHasOnlyTheThreeRolesDataflowNeedsEachOnItsResource() {
    Map<String, String> roles = new TreeMap<>();
    blocks("resource").forEach((name, block) -> {
      if (name.contains("iam") && WORKER.equals(block.path("member").asText())) {
        roles.put(name, block.path("role").asText());
      }
    });
    assertEquals(
        Map.of(
            "google_project_iam_member.worker_dataflow", "roles/dataflow.worker",
            "google_storage_bucket_iam_member.worker_objects", "roles/storage.objectUser",
            "google_artifact_registry_repository_iam_member.worker_pull", "roles/artifactregistry.reader"),
        roles);
    assertEquals("${google_storage_bucket.data.name}",
        blocks("resource").get("google_storage_bucket_iam_member.worker_objects").path("bucket").asText());
    assertEquals("serviceAccount:${google_service_account.worker.email}",
        hcl("main.tf").path("locals").get(0).path("worker_member").asText());
    // Nothing in the module grants a broad role to anyone.
    String everything = parsed.path("files").toString();
    for (String broad : List.of("roles/owner", "roles/editor", "roles/storage.admin", "roles/dataflow.admin")) {
      assertFalse(everything.contains(broad), broad);
    }
  }

  @Test
  void jobLaunchersGetWhatLaunchingNeedsAndNoMore() {
    Map<String, String> roles = new TreeMap<>();
    blocks("resource").forEach((name, block) -> {
      if ("${each.value}".equals(block.path("member").asText())) {
        assertEquals("${toset(var.job_launchers)}", block.path("for_each").asText(), name);
        roles.put(name, block.path("role").asText());
      }
    });
    assertEquals(
        Map.of(
            "google_service_account_iam_member.launchers", "roles/iam.serviceAccountUser",
            "google_project_iam_member.launchers_dataflow", "roles/dataflow.developer",
            "google_storage_bucket_iam_member.launchers_objects", "roles/storage.objectUser",
            "google_artifact_registry_repository_iam_member.launchers_push", "roles/artifactregistry.writer"),
        roles);
    assertEquals("${google_service_account.worker.name}",
        blocks("resource").get("google_service_account_iam_member.launchers").path("service_account_id").asText());
  }

  @Test
  void everyVariableIsTypedAndDescribedAndAllButTheFreeOnesAreValidated() {
    Map<String, JsonNode> variables = blocks("variable");
    TreeSet<String> unvalidated = new TreeSet<>();
    variables.forEach((name, v) -> {
      assertFalse(v.path("description").asText().isBlank(), name + " has no description");
      assertTrue(v.path("type").asText().startsWith("${"), name + " has no type");
      if (!v.has("validation")) {
        unvalidated.add(name);
      }
    });
    assertEquals(new TreeSet<>(List.of("force_destroy", "labels")), unvalidated);
    assertFalse(variables.get("project_id").has("default"), "project_id must be given");
  }

  @Test
  void validationPatternsAcceptRealNamesAndRejectTheUsualMistakes() {
    assertMatches("project_id", List.of("my-project-123", "lednet-demo"), List.of("123456789012", "My_Project", "ab"));
    assertMatches("region", List.of("us-central1", "europe-west4"), List.of("us-central1-a", "US"));
    assertMatches("bucket_name", List.of("my-project-lednet", "data_2026"), List.of("-bucket", "Bucket", "a"));
    assertMatches("service_account_id", List.of("lednet-dataflow-worker"), List.of("short", "9workers", "a-very-long-service-account-name-x"));
    assertMatches("worker_machine_type", List.of("g2-standard-4", "n1-standard-8", "n1-highmem-16"), List.of("e2-standard-4", "g2"));
  }

  @Test
  void outputsGiveEveryOptionALednetCommandNeedsOnDataflow() {
    Map<String, JsonNode> outputs = blocks("output");
    outputs.forEach((name, o) -> assertFalse(o.path("description").asText().isBlank(), name));
    assertTrue(outputs.keySet().containsAll(List.of(
        "bucket", "data_root", "temp_location", "staging_location", "image_repository", "worker_image",
        "service_account_email", "lednet_dataflow_options")), outputs.keySet().toString());
    String options = outputs.get("lednet_dataflow_options").path("value").asText();
    for (String option :
        List.of(
            "\"--runner=DataflowRunner\"", "\"--project=${var.project_id}\"", "\"--region=${var.region}\"",
            "\"--tempLocation=gs://${google_storage_bucket.data.name}/temp\"",
            "\"--serviceAccount=${google_service_account.worker.email}\"",
            "/worker:${var.worker_image_tag}\"", "\"--workerMachineType=${var.worker_machine_type}\"",
            "\"--dataflowServiceOptions=worker_accelerator=type:${var.gpu_type};count:1;install-nvidia-driver\"",
            "\"--maxNumWorkers=${var.max_workers}\"", "\"--diskSizeGb=${var.disk_size_gb}\"")) {
      assertTrue(options.contains(option), option + " in " + options);
    }
    assertTrue(outputs.get("lednet_dataflow_options").has("precondition"), "GPU and machine family checked");
  }

  /** The variable's {@code can(regex("...", var.x))} pattern against names it must accept and reject. */
  private static void assertMatches(String variable, List<String> good, List<String> bad) {
    String condition = blocks("variable").get(variable).path("validation").get(0).path("condition").asText();
    Matcher literal = Pattern.compile("regex\\(\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(condition);
    assertTrue(literal.find(), condition);
    Pattern pattern = Pattern.compile(literal.group(1).replace("\\\\", "\\"));
    good.forEach(g -> assertTrue(pattern.matcher(g).find(), variable + " should accept " + g));
    bad.forEach(b -> assertFalse(pattern.matcher(b).find(), variable + " should reject " + b));
  }
}
