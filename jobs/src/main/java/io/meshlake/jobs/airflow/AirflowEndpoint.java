package io.meshlake.jobs.airflow;

import java.net.URI;
import java.util.Map;

/**
 * Where Airflow's API server is and whom to log in as.
 *
 * @param url the API server's base URL, e.g. {@code http://airflow.example.org:8080}
 * @param username a user of Airflow's auth manager
 * @param password that user's password; never printed
 */
public record AirflowEndpoint(URI url, String username, String password) {
  /** The environment variable naming the base URL. */
  public static final String URL_VARIABLE = "MESHLAKE_AIRFLOW_URL";
  /** The environment variable naming the user. */
  public static final String USERNAME_VARIABLE = "MESHLAKE_AIRFLOW_USERNAME";
  /** The environment variable holding the password. */
  public static final String PASSWORD_VARIABLE = "MESHLAKE_AIRFLOW_PASSWORD";

  public AirflowEndpoint {
    if (url == null || url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
      throw new IllegalArgumentException("Invalid Airflow URL '" + url + "': use http(s)://host:port, e.g. http://127.0.0.1:8080");
    }
    String path = url.getPath() == null ? "" : url.getPath();
    url = URI.create(url.toString().substring(0, url.toString().length() - (path.endsWith("/") ? 1 : 0)));
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      throw new IllegalArgumentException("Airflow credentials are missing: set " + USERNAME_VARIABLE + " and "
          + PASSWORD_VARIABLE + " (a user of Airflow's auth manager, e.g. simple_auth_manager_users)");
    }
  }

  /**
   * Reads {@value #URL_VARIABLE} (or {@code url} when given), {@value #USERNAME_VARIABLE} and
   * {@value #PASSWORD_VARIABLE} from an environment.
   */
  public static AirflowEndpoint fromEnvironment(Map<String, String> env, String url) {
    String base = url != null ? url : env.get(URL_VARIABLE);
    if (base == null || base.isBlank()) {
      throw new IllegalArgumentException("Where is Airflow? Set " + URL_VARIABLE + " (e.g. http://127.0.0.1:8080) or pass --url");
    }
    return new AirflowEndpoint(URI.create(base.trim()), env.get(USERNAME_VARIABLE), env.get(PASSWORD_VARIABLE));
  }

  @Override
  public String toString() {
    return "AirflowEndpoint[url=" + url + ", username=" + username + ", password=***]";
  }
}
