package de.amtsbote.operations.console;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.DemoClients;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operations console end to end, in a real headless browser: Debian's chromium driven through chromedriver by
 * Selenium (nothing is downloaded; the test setup installs both packages when they are missing and it runs as
 * root). The traffic is real: submissions over the API, a dead letter from a real permanent failure (the demo
 * building authority's SOAP service stopped, so its address answers 404), a replay clicked in the console.
 */
class ConsoleBrowserTest extends HubTestSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String DEMO_ROUTE = "demo-building-authority";
    private static final String MARKER = "window.__consoleXss=1;document.title='pwned'";

    private static WebDriver browser;

    private final HubClient portal = new HubClient(PORT);
    private final String console = "http://localhost:" + PORT + "/console";

    @Autowired
    CamelContext camel;

    @BeforeAll
    static void startBrowser() throws Exception {
        ensureChromium();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000");
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void specialistSystemBack() throws Exception {
        camel.getRouteController().startRoute(DEMO_ROUTE);
    }

    @Test
    void operatorSeesRealTrafficFindsASubmissionAndReplaysADeadLetterByClicking() throws Exception {
        String delivered = portal.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml"))
                .json().get("trackingId").asText();
        portal.awaitStatus(delivered, "DELIVERED");
        camel.getRouteController().stopRoute(DEMO_ROUTE);
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml").replace(
                "Neubau Einfamilienhaus mit Doppelgarage",
                "<![CDATA[<script>" + MARKER + "</script>]]>Neubau Einfamilienhaus mit Doppelgarage");
        HubClient.Response accepted = portal.submit(xml);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String dead = accepted.json().get("trackingId").asText();
        portal.awaitStatus(dead, "DEAD_LETTER");
        HubClient operatorApi = HubClient.operator(PORT);
        operatorApi.await(() -> operatorApi.get("/api/v1/dead-letters/" + dead), response -> response.status() == 200);

        signIn("demo-operator", DemoClients.OPERATOR_KEY);

        // the dashboard counts the real traffic of the last hour
        WebElement lastHour = browser.findElement(By.id("counts-lastHour"));
        List<String> headings = lastHour.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        WebElement ebauantrag = lastHour.findElement(By.xpath(".//tr[td[1][normalize-space()='ebauantrag']]"));
        List<WebElement> cells = ebauantrag.findElements(By.tagName("td"));
        assertThat(Long.parseLong(cells.get(headings.indexOf("DELIVERED")).getText())).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(cells.get(headings.indexOf("DEAD_LETTER")).getText())).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElement(By.id("dead-letter-counts")).getText()).contains("bauaufsicht");
        assertThat(browser.findElement(By.id("queues")).getText()).contains("delivery.bauaufsicht").doesNotContain("not read");
        screenshot("dashboard");

        // search by tracking id, open the timeline
        browser.findElement(By.linkText("Submissions")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("trackingId"))).sendKeys(dead);
        browser.findElement(By.id("search-button")).click();
        wait(ExpectedConditions.elementToBeClickable(By.linkText(dead))).click();
        wait(ExpectedConditions.textToBe(By.id("status"), "DEAD_LETTER"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("ACCEPTED", "QUEUED", "DEAD_LETTER", "404");
        assertThat(browser.findElement(By.id("headers")).getText()).contains(Samples.messageId(xml), "ebauantrag",
                "bauaufsicht", "demo-portal");

        // the payload is text: the script in it is shown, not run
        String payload = browser.findElement(By.id("payload")).getText();
        assertThat(payload).contains("<script>" + MARKER + "</script>", Samples.messageId(xml));
        assertThat(browser.findElements(By.tagName("script"))).as("no script element in the page").isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__consoleXss"))
                .as("the payload's script did not run").isNull();
        assertThat(browser.getTitle()).doesNotContain("pwned");
        assertThat(browser.findElement(By.id("attachments")).getText()).contains("Lageplan", "anlage-01");
        Path timeline = screenshot("timeline-dead-letter");
        assertThat(timeline).exists();
        assertThat(Files.size(timeline)).isPositive();

        // the fix, then the replay with its confirmation
        camel.getRouteController().startRoute(DEMO_ROUTE);
        browser.findElement(By.id("replay")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Replay this dead letter?"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(dead, "bauaufsicht");
        browser.findElement(By.id("confirm")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "replayed"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(250)).until(page -> {
            page.navigate().refresh();
            return "DELIVERED".equals(page.findElement(By.id("status")).getText());
        });
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Replayed from the dead-letter store");
        screenshot("timeline-replayed");
        assertThat(HubClient.statuses(portal.awaitStatus(dead, "DELIVERED")))
                .containsSubsequence("ACCEPTED", "DEAD_LETTER", "QUEUED", "DELIVERED");

        // the filters: connector, status and acceptance time (UTC) together
        String anHourAgo = LocalDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
        browser.get(console + "/submissions?connector=ebauantrag&status=DELIVERED&from=" + anHourAgo);
        assertThat(wait(ExpectedConditions.visibilityOfElementLocated(By.id("results"))).getText()).contains(dead, delivered);
        browser.get(console + "/submissions?connector=ebauantrag&status=DELIVERED&to=" + anHourAgo);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(dead).doesNotContain(delivered);
        browser.get(console + "/submissions?status=DEAD_LETTER&trackingId=" + dead);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("0 submission(s) found");
    }

    @Test
    void discardAsksForAReasonThatStaysInTheHistory() throws Exception {
        camel.getRouteController().stopRoute(DEMO_ROUTE);
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String dead = portal.submit(xml).json().get("trackingId").asText();
        portal.awaitStatus(dead, "DEAD_LETTER");
        HubClient operatorApi = HubClient.operator(PORT);
        operatorApi.await(() -> operatorApi.get("/api/v1/dead-letters/" + dead), response -> response.status() == 200);
        signIn("demo-operator", DemoClients.OPERATOR_KEY);

        browser.findElement(By.linkText("Dead letters")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("dead-" + dead)))
                .findElement(By.className("discard")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Discard this dead letter?"));
        browser.findElement(By.id("reason")).sendKeys("Antrag doppelt gestellt");
        browser.findElement(By.id("confirm")).click();

        wait(ExpectedConditions.textToBe(By.id("status"), "DISCARDED"));
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("Discarded by an operator: Antrag doppelt gestellt");
        // no longer a dead letter, the content stays readable for the retention period
        assertThat(browser.findElement(By.id("payload")).getText()).contains(Samples.messageId(xml));
        assertThat(operatorApi.get("/api/v1/dead-letters/" + dead).status()).isEqualTo(404);
    }

    @Test
    void aDeliveredSubmissionShowsWhatThePortalSentAndTheSpecialistSystemsAnswer() throws Exception {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String delivered = portal.submit(xml).json().get("trackingId").asText();
        portal.awaitStatus(delivered, "DELIVERED");
        HubClient.Response answered = new HubClient(PORT, "bauamt-key").answer(Samples.answerTo(
                "baugenehmigung-formellePruefung-0201.xml", Samples.messageId(xml), Samples.applicationReference(xml)));
        assertThat(answered.status()).as(answered.body()).isEqualTo(202);
        String answerId = answered.json().get("answerId").asText();
        signIn("demo-operator", DemoClients.OPERATOR_KEY);

        browser.get(console + "/submissions/" + delivered);

        wait(ExpectedConditions.textToBe(By.id("status"), "DELIVERED"));
        assertThat(browser.findElement(By.id("payload")).getText()).contains(Samples.messageId(xml), "Jahnstraße");
        WebElement answer = browser.findElement(By.id("answer-" + answerId));
        assertThat(answer.getText()).contains("0201", "bauamt", "RECEIVED");
        assertThat(answer.findElement(By.linkText("Download as file")).getAttribute("href"))
                .endsWith("/console/answers/" + answerId + "/payload");
        screenshot("timeline-answered");
    }

    @Test
    void aChangeWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        signIn("demo-operator", DemoClients.OPERATOR_KEY);
        String session = "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
        HttpClient http = HttpClient.newHttpClient();
        URI replayAll = URI.create(console + "/dead-letters/replay?destination=bauaufsicht");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console)).header("Cookie", session)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(replayAll).header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).as("the session is valid").isEqualTo(200);
        assertThat(forged.statusCode()).as("the same session without the form's token").isEqualTo(403);
    }

    @Test
    void anApiKeyHeaderDoesNotOpenTheConsole() {
        HubClient.Response response = HubClient.operator(PORT).get("/console");
        assertThat(response.status()).as("sent to the sign-in page").isEqualTo(302);
        assertThat(response.location()).endsWith("/console/login");
    }

    @Test
    void aPortalKeyDoesNotOpenTheConsole() {
        browser.get(console);
        wait(ExpectedConditions.urlContains("/console/login"));
        signInExpectingRefusal("demo-portal", DemoClients.PORTAL_KEY);
        signInExpectingRefusal("demo-operator", DemoClients.PORTAL_KEY);
        browser.get(console + "/dead-letters");
        wait(ExpectedConditions.urlContains("/console/login"));
    }

    @Test
    void connectorsAreListedWithTheirSampleResults() {
        signIn("demo-operator", DemoClients.OPERATOR_KEY);
        browser.findElement(By.linkText("Connectors")).click();
        WebElement connector = wait(ExpectedConditions.visibilityOfElementLocated(By.id("connector-ebauantrag")));
        assertThat(connector.getText()).contains("xbau-2.6", "xbau/2.6/xbau-nachrichten-baugenehmigung.xsd",
                "xbau/2.6/xbau-regeln.sch", "xbau/2.6/codelisten/xbau-anlagen-3.0.gc", "to-bauaufsicht.xsl", "bauaufsicht",
                "baugenehmigung.antrag.0200", "10 of 10 samples pass the connector test kit");
        assertThat(browser.findElement(By.id("connector-eheschliessung")).getText()).contains("FILE", "(legacy-xml)");
    }

    private void signIn(String clientId, String key) {
        browser.get(console + "/login");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(clientId);
        browser.findElement(By.id("password")).sendKeys(key);
        browser.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("counts-lastHour")));
    }

    private void signInExpectingRefusal(String clientId, String key) {
        browser.get(console + "/login");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(clientId);
        browser.findElement(By.id("password")).sendKeys(key);
        browser.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(browser.getCurrentUrl()).contains("/console/login?error");
    }

    private static <T> T wait(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Waited in vain on " + browser.getCurrentUrl() + " for " + condition
                    + "; the page:\n" + browser.getPageSource(), e);
        }
    }

    private static Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * Debian's chromium and chromium-driver, installed when missing if the test runs as root (as CI does); anyone
     * else without them gets the test skipped with the command to run.
     */
    private static void ensureChromium() throws Exception {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        Assumptions.assumeTrue(isRoot(), "chromium and chromium-driver are not installed and this user cannot install "
                + "them: run `apt-get update && apt-get install -y chromium chromium-driver` as root");
        Process install = new ProcessBuilder("sh", "-c",
                "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "chromium-install.log").toFile()).start();
        assertThat(install.waitFor(10, TimeUnit.MINUTES)).as("apt-get finished within 10 minutes").isTrue();
        assertThat(install.exitValue()).as("apt-get install chromium chromium-driver (see target/chromium-install.log)")
                .isZero();
        assertThat(CHROMEDRIVER).isExecutable();
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        return id.waitFor() == 0 && "0".equals(uid);
    }
}
