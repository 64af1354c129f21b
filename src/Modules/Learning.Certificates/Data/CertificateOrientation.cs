namespace Learning.Certificates.Data;

public enum CertificateOrientation
{
    Landscape = 0,
    Portrait = 1,
}
