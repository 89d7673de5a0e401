package io.github.eventsourcing.azure.demo.bank.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the page in the machine's headless Chromium (Debian's chromium and chromium-driver). The driver and browser
 * are given explicitly, so Selenium Manager never looks for, or downloads, either.
 */
@DisplayName("The web page, in a real headless Chromium")
class BankPageUiTest extends BankOnAzurite {

    private static final Path CHROMIUM = Path.of(System.getProperty("ui.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("ui.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOT = Path.of("target", "ui", "bank-page.png");

    private static Path profile;
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "The UI test needs Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; scripts/test.sh installs them).";
        if (!installed) {
            boolean ci = System.getProperty("CI") != null || System.getenv("CI") != null;
            if (ci) {
                fail(missing);
            }
            assumeTrue(false, missing + " Skipped because CI is not set.");
        }
        profile = Files.createTempDirectory("bank-ui-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1440,2000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    @DisplayName("opens an account, deposits and withdraws, and shows the balance, chart and history change")
    void everydayBanking() throws IOException {
        String number = "UI-" + UUID.randomUUID().toString().substring(0, 6);
        browser.get("http://127.0.0.1:" + port + "/");
        assertThat(browser.getTitle()).contains("Harbour Bank");

        fill("#open-form", "accountNumber", number);
        fill("#open-form", "clientName", "Ada Lovelace");
        fill("#open-form", "openingBalance", "100");
        submit("#open-form");

        awaitText("#acc-balance", "100.00");
        assertThat(text("#acc-client")).isEqualTo("Ada Lovelace");
        assertThat(chartPoints()).isEqualTo(2); // opened at 0.00, then the opening deposit
        assertThat(browser.findElements(By.cssSelector("#account-list button[data-account='" + number + "']")))
                .as("the new account is in the list").hasSize(1);
        String chartBefore = chartLine();

        fill("#deposit-form", "amount", "50");
        fill("#deposit-form", "source", "salary");
        submit("#deposit-form");
        awaitText("#acc-balance", "150.00");
        awaitChartPoints(3);
        assertThat(chartLine()).isNotEqualTo(chartBefore);
        String chartAfterDeposit = chartLine();

        fill("#withdraw-form", "amount", "30");
        submit("#withdraw-form");
        awaitText("#acc-balance", "120.00");
        awaitChartPoints(4);
        assertThat(chartLine()).isNotEqualTo(chartAfterDeposit);
        assertThat(lastPointBalance()).isEqualTo("120.00");

        List<WebElement> rows = browser.findElements(By.cssSelector("#event-rows tr"));
        assertThat(rows).extracting(WebElement::getText).as("history, newest first").satisfiesExactly(
                withdrawn -> assertThat(withdrawn).contains("Money Withdrawn").contains("30.00"),
                deposited -> assertThat(deposited).contains("Money Deposited").contains("50.00").contains("salary"),
                opening -> assertThat(opening).contains("Money Deposited").contains("100.00"),
                opened -> assertThat(opened).contains("Account Opened").contains("Ada Lovelace"));

        fill("#withdraw-form", "amount", "1000");
        submit("#withdraw-form");
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast.error")));
        assertThat(error.getText()).contains("Insufficient funds")
                .contains("Cannot withdraw 1000.00: the balance is 120.00").doesNotContain("Exception");
        assertThat(text("#acc-balance")).isEqualTo("120.00");

        Files.createDirectories(SCREENSHOT.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    private void fill(String form, String field, String value) {
        WebElement input = browser.findElement(By.cssSelector(form + " [name='" + field + "']"));
        input.clear();
        input.sendKeys(value);
    }

    private void submit(String form) {
        browser.findElement(By.cssSelector(form + " button[type='submit']")).click();
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private void awaitText(String selector, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.cssSelector(selector), expected));
    }

    private int chartPoints() {
        return browser.findElements(By.cssSelector("#chart svg circle.point")).size();
    }

    private void awaitChartPoints(int count) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#chart svg circle.point"), count));
    }

    private String chartLine() {
        return browser.findElement(By.cssSelector("#chart svg path.line")).getAttribute("d");
    }

    private String lastPointBalance() {
        List<WebElement> points = browser.findElements(By.cssSelector("#chart svg circle.point"));
        return points.get(points.size() - 1).getAttribute("data-balance");
    }
}
