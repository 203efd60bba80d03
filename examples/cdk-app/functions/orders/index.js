exports.handler = async () => ({ ok: true, release: process.env.RELEASE });
