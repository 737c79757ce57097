using System.Diagnostics;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>
/// Renders the HTML report in headless Chromium, as a reviewer's browser would. The browser is
/// $CHROMIUM when set, else <c>chromium</c> or <c>chromium-browser</c> on PATH (tools/setup.sh
/// installs it); without it the test fails rather than skips, so a missing browser cannot pass silently.
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
