package io.github.eventsourcing.azure.demo.bank.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the page in a real headless Chromium, as a bank clerk would use it. */
@DisplayName("The web page, in a real headless Chromium")
class BankPageUiTest extends BankOnAzurite {

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    /** Started per test class, but from a test's set-up, so that a missing browser is reported on the test itself. */
    @BeforeEach
    void startBrowser() {
        if (chromium == null) {
            chromium = HeadlessChromium.start();
            browser = chromium.driver();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @DisplayName("shows the bank ready, opens an account, deposits and withdraws; balance, chart and history change")
    void everydayBanking() throws IOException {
        String number = "UI-" + UUID.randomUUID().toString().substring(0, 6);
        browser.get("http://127.0.0.1:" + port + "/");
        assertThat(browser.getTitle()).contains("Harbour Bank");
        awaitText("#health", "Ready"); // the readiness probe, storage included

        fill("#open-form", "accountNumber", number);
        fill("#open-form", "clientName", "Ada Lovelace");
        fill("#open-form", "openingBalance", "100");
        submit("#open-form");

        awaitText("#acc-balance", "100.00");
        assertThat(text("#acc-client")).isEqualTo("Ada Lovelace");
        assertThat(chartPoints()).isEqualTo(2); // opened at 0.00, then the opening deposit
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage("the new account is in the list").until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#account-list [data-account='" + number + "']"),
                        1));
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

        assertThat(browser.findElement(By.id("activity")).isDisplayed())
                .as("no live feed without notifications").isFalse();
        assertThat(Files.size(chromium.screenshot("bank-page.png"))).isPositive();
    }

    @Test
    @DisplayName("starts an interest run with the nightly button and follows it in the list until it completes, with its counts")
    void interestRun() {
        openAccount("100.00");
        browser.get("http://127.0.0.1:" + port + "/");
        awaitText("#health", "Ready");
        browser.findElement(By.id("accrue-all")).click();
        WebElement started = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast")));
        assertThat(started.getText()).contains("Interest run run-").contains("started");
        Matcher runId = Pattern.compile("run-[0-9a-f-]+").matcher(started.getText());
        assertThat(runId.find()).isTrue();
        String id = runId.group();
        By newest = By.cssSelector("#interest-run-list .run:first-child");
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage("the run completes in the list")
                .until(ExpectedConditions.textToBePresentInElementLocated(newest, "completed"));
        String shown = text("#interest-run-list .run:first-child");
        assertThat(shown).contains(id).containsPattern("[1-9][0-9]* accrued, [0-9]+ skipped, 0 failed");
    }

    @Test
    @DisplayName("finds the highest balance with its button and shows the query's result, the same as the API's, the account as a link")
    void highestBalance() {
        openAccount("250.00");
        browser.get("http://127.0.0.1:" + port + "/");
        awaitText("#health", "Ready");
        browser.findElement(By.id("highest-balance")).click();
        By result = By.id("highest-balance-result");
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage("the query completes on the page")
                .until(ExpectedConditions.textToBePresentInElementLocated(result, "holds the highest balance"));
        String shown = text("#highest-balance-result");
        Matcher queryId = Pattern.compile("Query ([0-9a-f-]{36})").matcher(shown);
        assertThat(queryId.find()).as(shown).isTrue();
        BankHttp.Reply query = http.get("/api/queries/" + queryId.group(1));
        assertThat(query.json().get("status").asText()).isEqualTo("completed");
        String number = query.json().get("result").get("accountNumber").asText();
        assertThat(shown).startsWith("completed").contains(number + " holds the highest balance");

        // The account is a link that selects it. Not clicked here: the bank is shared with the other end-to-end tests,
        // and the richest account is usually the fuzz test's, whose hostile history is theirs to render.
        assertThat(browser.findElement(By.cssSelector("#highest-balance-result button.link")).getText())
                .isEqualTo(number);
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
