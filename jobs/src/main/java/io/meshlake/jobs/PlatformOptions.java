package io.meshlake.jobs;

import io.meshlake.Platform;
import io.meshlake.config.Environment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every command that touches tables: environment, warehouse and Spark settings. */
final class PlatformOptions {
  @Option(names = "--env", defaultValue = "local", paramLabel = "NAME",
      description = "Environment from conf/NAME.yaml: local (embedded Spark, the default) or cluster.")
  String env;

  @Option(names = "--env-file", paramLabel = "FILE", description = "Read the environment from this YAML file instead.")
  Path envFile;

  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Folder (or URI) of the tables. Default: the environment's, ./warehouse for local.")
  String warehouse;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A Spark property, e.g. --conf spark.sql.shuffle.partitions=8. Repeatable; wins over conf/.")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  Environment environment() {
    Environment environment = envFile != null ? Environment.loadFile(envFile) : Environment.load(env);
    return warehouse == null ? environment : environment.withWarehouse(warehouse);
  }

  Platform start() {
    return Platform.start(environment(), sparkConf, Console::progress);
  }
}
