using System.Diagnostics;
using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>
/// Renders the HTML report in headless Chromium, as a reviewer's browser would. The browser is
/// $CHROMIUM when set, else <c>chromium</c> or <c>chromium-browser</c> on PATH (tools/setup.sh
/// installs it, and the pinned playwright-core of tools/report-check that drives it); without them the tests fail rather
/// than skip, so a missing browser cannot pass silently.
/// </summary>
public sealed class HtmlReportInChromiumTests : IDisposable
{
    private static readonly string[] s_browserNames = ["chromium", "chromium-browser"];
    private readonly string _dir = Directory.CreateTempSubdirectory("preflight-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ChromiumRendersTheDiagramAndTheCostTable()
    {
        var chromium = FindChromium(out var searched);
        Assert.True(chromium.Length > 0, $"Chromium is missing ({searched}): run 'bash tools/setup.sh' (CI does), or set CHROMIUM to the browser's path.");
        var html = Path.Combine(_dir, "report.html");
        File.WriteAllText(html, ReportRenderer.ToHtml(RendererTests.Busy()));
        var png = Path.Combine(_dir, "report.png");

        var (screenshotExit, screenshotOutput) = Run(chromium, $"--screenshot={png} --window-size=1400,2400 file://{html}", "profile-screenshot");
        var (dumpExit, dom) = Run(chromium, $"--dump-dom file://{html}", "profile-dom");

        Assert.True(screenshotExit == 0, $"chromium --screenshot exited {screenshotExit}: {screenshotOutput}");
        Assert.True(File.Exists(png), $"no screenshot written: {screenshotOutput}");
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Equal(1400, ReadBigEndian(bytes, 16)); // IHDR width
        Assert.Equal(2400, ReadBigEndian(bytes, 20)); // IHDR height

        Assert.True(dumpExit == 0, $"chromium --dump-dom exited {dumpExit}");
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"architecture-diagram\"", dom, StringComparison.Ordinal);
        Assert.Contains("EKS cluster platform-prod-2", dom, StringComparison.Ordinal);
        Assert.Contains("<table id=\"cost-table\">", dom, StringComparison.Ordinal);
        Assert.Contains("EC2 m7g.large spot", dom, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a reader sees in the first five seconds: the summary is on the first screen, every row of it visible inside the
    /// viewport and linking to its section; the cost chart, scrolled to, is visible with one bar per category. Measured by
    /// tools/report-check/check.js (Playwright driving the system's Chromium, every network request blocked).
    /// </summary>
    [Fact]
    public void The_summary_and_the_cost_chart_are_visible_in_Chromium()
    {
        var chromium = FindChromium(out var searched);
        Assert.True(chromium.Length > 0, $"Chromium is missing ({searched}): run 'bash tools/setup.sh' (CI does), or set CHROMIUM to the browser's path.");
        var html = Path.Combine(_dir, "report.html");
        File.WriteAllText(html, ReportRenderer.ToHtml(RendererTests.Busy()));

        var result = ReportCheck(html, chromium, 1280, 800);

        var first = (string)result["firstScreen"]!;
        Assert.Equal((1280, 800), PngSize(first));
        var summary = result["summary"]!;
        AssertInViewport(summary, "summary", 1280, 800);
        var rows = summary["rows"]!.AsArray();
        Assert.Equal(["#deploy-readiness", "#compliance", "#cost", "#replacements-section"], rows.Select(r => (string?)r!["href"]));
        Assert.All(rows, r => AssertInViewport(r!, (string)r!["href"]!, 1280, 800));
        Assert.StartsWith("Will it deploy? NO: ", (string)rows[0]!["text"]!, StringComparison.Ordinal);
        Assert.StartsWith("Monthly estimate $", (string)rows[2]!["text"]!, StringComparison.Ordinal);

        var chart = result["chart"]!;
        AssertInViewport(chart, "cost chart", 1280, 800);
        var (width, height) = PngSize((string)chart["screenshot"]!);
        Assert.InRange(width, (int)(double)chart["box"]!["width"]! - 1, (int)(double)chart["box"]!["width"]! + 1);
        Assert.InRange(height, (int)(double)chart["box"]!["height"]! - 1, (int)(double)chart["box"]!["height"]! + 1);
        var bars = chart["bars"]!.AsArray();
        Assert.Equal(["compute", "network", "endpoints", "observability", "keys", "control plane"], bars.Select(b => (string?)b!["category"]));
        Assert.All(bars, b =>
        {
            Assert.True((bool)b!["visible"]!, $"bar {b["category"]} is not visible");
            Assert.True((double)b["box"]!["width"]! > 0, $"bar {b["category"]} has no width");
        });
        Assert.Empty(result["blockedRequests"]!.AsArray());
        Assert.Empty(result["consoleErrors"]!.AsArray());
    }

    private JsonNode ReportCheck(string html, string chromium, int width, int height)
    {
        var tool = Path.Combine(RepoRoot(), "tools", "report-check");
        Assert.True(Directory.Exists(Path.Combine(tool, "node_modules", "playwright-core")),
            "tools/report-check/node_modules is missing: run `bash tools/setup.sh` (it runs `npm ci --prefix tools/report-check`)");
        var start = new ProcessStartInfo("node",
            [Path.Combine(tool, "check.js"), html, Path.Combine(_dir, "shots"), "--chromium", chromium, "--width", $"{width}", "--height", $"{height}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("tools/report-check/check.js did not finish in 120 s");
        }
        Assert.True(process.ExitCode == 0, $"check.js exited {process.ExitCode}: {stderr.Result}");
        return JsonNode.Parse(stdout.Result)!;
    }

    /// <summary>The element is visible, has an area, and lies inside the viewport.</summary>
    private static void AssertInViewport(JsonNode element, string what, int width, int height)
    {
        Assert.True((bool)element["visible"]!, $"{what} is not visible");
        var box = element["box"]!;
        double x = (double)box["x"]!, y = (double)box["y"]!, w = (double)box["width"]!, h = (double)box["height"]!;
        Assert.True(w > 0 && h > 0, $"{what} has an empty box {box.ToJsonString()}");
        Assert.True(x >= 0 && y >= 0 && x + w <= width && y + h <= height, $"{what} box {box.ToJsonString()} is outside the {width}x{height} viewport");
    }

    private static (int Width, int Height) PngSize(string path)
    {
        Assert.True(File.Exists(path), $"no screenshot at {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        return (ReadBigEndian(bytes, 16), ReadBigEndian(bytes, 20));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EksPlatform.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    private (int ExitCode, string Output) Run(string chromium, string arguments, string profile)
    {
        var start = new ProcessStartInfo(chromium,
            $"--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " +
            $"--disable-component-update --disable-sync --user-data-dir={Path.Combine(_dir, profile)} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium {arguments} did not finish in 90 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>$CHROMIUM if set (it must exist), else the first of chromium, chromium-browser on PATH; "" when none.</summary>
    private static string FindChromium(out string searched)
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured)
        {
            searched = $"CHROMIUM={configured} does not exist";
            return File.Exists(configured) ? configured : "";
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        searched = $"no {string.Join(" or ", s_browserNames)} on PATH={path}";
        return s_browserNames
            .SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists) ?? "";
    }

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
