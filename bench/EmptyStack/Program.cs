using Amazon.CDK;

System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
var app = new App(new AppProps { Outdir = args.Length > 0 ? args[0] : "cdk.out.empty", AnalyticsReporting = false });
_ = new Stack(app, "Empty", new StackProps { Env = new Amazon.CDK.Environment { Region = "us-east-1" } });
app.Synth();
