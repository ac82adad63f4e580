<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
  <context>
    <name>StoreSync</name>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="359" />
      <source> and {n} more</source>
      <translation> dan {n} lainnya</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="50" />
      <source> min</source>
      <translation> mnt</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="48" />
      <source> s</source>
      <translation> dtk</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="47" />
      <source> units</source>
      <translation> unit</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="162" />
      <source>&amp;Help</source>
      <translation>&amp;Bantuan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="157" />
      <source>(in memory)</source>
      <translation>(di memori)</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="53" />
      <source>(none)</source>
      <translation>(tidak ada)</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="52" />
      <source>&lt;b&gt;Deleted from StoreSync:&lt;/b&gt; {listings} listings and their mappings, {orders} orders of this store, {pushes} stock updates still queued, and this store's sync history.</source>
      <translation>&lt;b&gt;Dihapus dari StoreSync:&lt;/b&gt; {listings} listing beserta pemetaannya, {orders} pesanan toko ini, {pushes} pembaruan stok yang masih dalam antrean, dan riwayat sinkronisasi toko ini.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="57" />
      <source>&lt;b&gt;Kept:&lt;/b&gt; your master catalog, every stock count and the complete stock ledger (movements caused by this store's orders stay as history). Stock held for its open orders is released back to your other stores.</source>
      <translation>&lt;b&gt;Tetap disimpan:&lt;/b&gt; katalog master Anda, semua jumlah stok, dan buku besar stok yang lengkap (pergerakan stok akibat pesanan toko ini tetap tersimpan sebagai riwayat). Stok yang ditahan untuk pesanan terbuka toko ini dikembalikan ke toko Anda yang lain.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="62" />
      <source>&lt;b&gt;Not touched:&lt;/b&gt; the shop on {platform} itself — nothing is deleted there.</source>
      <translation>&lt;b&gt;Tidak diubah:&lt;/b&gt; toko Anda di {platform} itu sendiri — tidak ada yang dihapus di sana.</translation>
    </message>
    <message>
      <location filename="../../app/core/export/bundle_sheet.py" line="112" />
      <source>a bundle cannot contain itself: {chain}</source>
      <translation>paket tidak boleh berisi dirinya sendiri: {chain}</translation>
    </message>
    <message>
      <location filename="../../app/core/export/bundle_sheet.py" line="92" />
      <source>a bundle has at most {n} components</source>
      <translation>paket berisi paling banyak {n} komponen</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="63" />
      <source>A bundle has no stock of its own: its stock is what its scarcest component allows, and each order takes its components.</source>
      <translation>Paket tidak punya stok sendiri: stoknya sebanyak yang diizinkan komponen paling sedikit, dan setiap pesanan mengambil komponennya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="65" />
      <source>A bundle's components as SKU×qty, separated by commas (e.g. TEE-RED-M×2, MUG-01×1); its stock is what its scarcest component allows. Empty: not a bundle.</source>
      <translation>Komponen paket sebagai SKU×jumlah, dipisah koma (mis. TEE-RED-M×2, MUG-01×1); stoknya sebanyak yang diizinkan komponen paling sedikit. Kosong: bukan paket.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/prices.py" line="244" />
      <source>a fixed price must be a whole number of rupiah above 0</source>
      <translation>harga tetap harus berupa rupiah bulat di atas 0</translation>
    </message>
    <message>
      <location filename="../../app/core/services/locations.py" line="57" />
      <source>a location with code {code} already exists</source>
      <translation>lokasi dengan kode {code} sudah ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="122" />
      <source>a password needs at least {n} characters</source>
      <translation>kata sandi minimal {n} karakter</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="50" />
      <source>A picking list of the selected orders (PDF): SKUs, shelves, quantities</source>
      <translation>Daftar ambil barang untuk pesanan terpilih (PDF): SKU, rak, jumlah</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="220" />
      <source>a product needs at least one variant</source>
      <translation>produk harus memiliki minimal satu varian</translation>
    </message>
    <message>
      <location filename="../../app/core/services/picking.py" line="397" />
      <source>a shelf code has at most {n} characters</source>
      <translation>kode rak paling banyak {n} karakter</translation>
    </message>
    <message>
      <location filename="../../app/core/db/team.py" line="47" />
      <source>A team database must be PostgreSQL: write the URL as postgresql+psycopg://USER@HOST:5432/DATABASE.</source>
      <translation>Database tim harus PostgreSQL: tulis URL sebagai postgresql+psycopg://USER@HOST:5432/DATABASE.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="111" />
      <source>a user name is 1-80 letters, digits, dots, dashes, @ or underscores</source>
      <translation>nama pengguna 1-80 huruf, angka, titik, tanda hubung, @ atau garis bawah</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="165" />
      <source>a website order has no airway bill: print it in your courier's app</source>
      <translation>pesanan situs web tidak punya resi dari toko: cetak di aplikasi kurir Anda</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="177" />
      <source>a website order is cancelled whole, not per item</source>
      <translation>pesanan situs web dibatalkan seluruhnya, bukan per barang</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="147" />
      <source>a website order ships with your own courier and its tracking number</source>
      <translation>pesanan situs web dikirim dengan kurir Anda sendiri dan nomor resinya</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="103" />
      <source>a website store is connected with its keys, not a link</source>
      <translation>toko situs web dihubungkan dengan kuncinya, bukan tautan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="70" />
      <source>Accept the platform's number (book an adjustment)</source>
      <translation>Terima angka platform (catat penyesuaian)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="52" />
      <source>Accepted</source>
      <translation>Disetujui</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="68" />
      <source>Access token expires: {when} (renewed automatically)</source>
      <translation>Token akses berakhir: {when} (diperbarui otomatis)</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="81" />
      <source>Action</source>
      <translation>Tindakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="211" />
      <source>Active</source>
      <translation>Aktif</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="124" />
      <source>active</source>
      <translation>aktif</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="54" />
      <source>Add</source>
      <translation>Tambah</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="171" />
      <source>Add image file to the selected variant</source>
      <translation>Tambahkan file gambar ke varian yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="171" />
      <source>Add image…</source>
      <translation>Tambah gambar…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="317" />
      <source>Add location</source>
      <translation>Tambah lokasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="150" />
      <source>Add location…</source>
      <translation>Tambah lokasi…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="150" />
      <source>Add stock location</source>
      <translation>Tambah lokasi stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="54" />
      <source>Add the selected variant</source>
      <translation>Tambahkan varian yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="86" />
      <source>Add user</source>
      <translation>Tambah pengguna</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="86" />
      <source>Add user…</source>
      <translation>Tambah pengguna…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="167" />
      <source>Add variant</source>
      <translation>Tambah varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="92" />
      <source>Adjust</source>
      <translation>Sesuaikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="53" />
      <source>Adjust stock</source>
      <translation>Sesuaikan stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="200" />
      <source>Adjusted by {change}</source>
      <translation>Stok disesuaikan {change}</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="221" />
      <source>Adjustment</source>
      <translation>Penyesuaian</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="92" />
      <source>Adjust…</source>
      <translation>Sesuaikan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/controls.py" line="18" />
      <source>admin</source>
      <translation>admin</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="82" />
      <source>After</source>
      <translation>Sesudah</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="365" />
      <source>After approving, paste the address you land on below.</source>
      <translation>Setelah menyetujui, tempel alamat yang terbuka di kolom bawah ini.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="71" />
      <source>Airway bills</source>
      <translation>Resi pengiriman</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="77" />
      <source>All</source>
      <translation>Semua</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="181" />
      <source>All categories</source>
      <translation>Semua kategori</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="100" />
      <source>All job types</source>
      <translation>Semua jenis tugas</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="53" />
      <source>All kinds</source>
      <translation>Semua jenis</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="175" />
      <source>All locations</source>
      <translation>Semua lokasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="91" />
      <source>All statuses</source>
      <translation>Semua status</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="251" />
      <source>All stores</source>
      <translation>Semua toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="50" />
      <source>All users</source>
      <translation>Semua pengguna</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="60" />
      <source>Allow manual changes that take on-hand stock below zero.</source>
      <translation>Izinkan perubahan manual yang membuat stok fisik di bawah nol.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="100" />
      <source>Allow prices below cost</source>
      <translation>Izinkan harga di bawah modal</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="179" />
      <source>already shipped</source>
      <translation>sudah dikirim</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="90" />
      <source>amount cannot be negative</source>
      <translation>nominal tidak boleh negatif</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="93" />
      <source>amount has more than two decimals</source>
      <translation>nominal memiliki lebih dari dua angka desimal</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="89" />
      <source>Amounts</source>
      <translation>Rincian pembayaran</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="102" />
      <source>an attribute needs a name before =</source>
      <translation>atribut perlu nama sebelum =</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="69" />
      <source>Analytics</source>
      <translation>Analitik</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/leases.py" line="289" />
      <source>another StoreSync ({holder}) syncs this store; do this there, or wait until it stops (it is taken over within {seconds} s)</source>
      <translation>StoreSync lain ({holder}) menyinkronkan toko ini; lakukan di sana, atau tunggu sampai berhenti (diambil alih dalam {seconds} dtk)</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="217" />
      <source>Another StoreSync is syncing this data folder (another StoreSync window or `storesync sync`). Close it, then restore again.</source>
      <translation>StoreSync lain sedang menyinkronkan folder data ini (jendela StoreSync lain atau `storesync sync`). Tutup dulu, lalu pulihkan lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/engine_lock.py" line="149" />
      <source>another StoreSync process</source>
      <translation>proses StoreSync lain</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="57" />
      <source>Any time</source>
      <translation>Kapan saja</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="184" />
      <source>API address</source>
      <translation>Alamat API</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="230" />
      <source>API key</source>
      <translation>Kunci API</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="169" />
      <source>App credentials</source>
      <translation>Kredensial aplikasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="176" />
      <source>App ID</source>
      <translation>ID aplikasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="197" />
      <source>App ID / partner ID</source>
      <translation>ID aplikasi / Partner ID</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="178" />
      <source>App secret</source>
      <translation>Secret aplikasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="198" />
      <source>App secret / partner key</source>
      <translation>Secret aplikasi / Partner Key</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="129" />
      <source>Appearance</source>
      <translation>Tampilan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="285" />
      <source>Approve StoreSync in the seller center</source>
      <translation>Setujui StoreSync di Seller Center</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="406" />
      <source>Approved for shop {shop}. Click Next.</source>
      <translation>Disetujui untuk toko {shop}. Lanjutkan ke langkah berikutnya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="408" />
      <source>Approved. Click Next.</source>
      <translation>Disetujui. Lanjutkan ke langkah berikutnya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="95" />
      <source>Archive</source>
      <translation>Arsipkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="290" />
      <source>Archive products</source>
      <translation>Arsipkan produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="291" />
      <source>Archive {n} product(s)? They leave the catalog and stop syncing; orders and stock history stay. You can restore them with “Show archived”.</source>
      <translation>Arsipkan {n} produk? Produk akan keluar dari katalog dan berhenti disinkronkan; riwayat pesanan dan stok tetap tersimpan. Anda bisa memulihkannya lewat “Tampilkan yang diarsipkan”.</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="212" />
      <source>Archived</source>
      <translation>Diarsipkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="57" />
      <source>Arrange shipment of the selected orders ({key})</source>
      <translation>Atur pengiriman pesanan yang dipilih ({key})</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="57" />
      <source>At or below this many units, offer the variant on one store only. Empty: the workspace setting; 0: off.</source>
      <translation>Pada atau di bawah jumlah unit ini, tawarkan varian di satu toko saja. Kosong: pengaturan ruang kerja; 0: mati.</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="94" />
      <source>At {location}: {on_hand} on hand, {reserved} reserved, {available} available</source>
      <translation>Di {location}: stok fisik {on_hand}, dipesan {reserved}, tersedia {available}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="43" />
      <source>Attributes</source>
      <translation>Atribut</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="184" />
      <source>Attributes: Colour=Red; Size=XL · Images: file paths or URLs separated by ; · Removed variants are archived, never deleted.</source>
      <translation>Atribut: Warna=Merah; Ukuran=XL · Gambar: path file atau URL dipisahkan dengan ; · Varian yang dihapus akan diarsipkan, tidak pernah dihapus permanen.</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="46" />
      <source>Audit log</source>
      <translation>Log audit</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/panel.py" line="26" />
      <source>Audit log…</source>
      <translation>Log audit…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="114" />
      <source>Authorization expires</source>
      <translation>Otorisasi berakhir</translation>
    </message>
    <message>
      <location filename="../../app/core/services/analytics/dashboard.py" line="280" />
      <source>authorization expires {expiry:%Y-%m-%d %H:%M} UTC</source>
      <translation>otorisasi kedaluwarsa pada {expiry:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="65" />
      <source>Authorization expires: {when}</source>
      <translation>Otorisasi berakhir: {when}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="255" />
      <source>Automatic (fastest seller)</source>
      <translation>Otomatis (penjual tercepat)</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/model.py" line="46" />
      <source>Available</source>
      <translation>Tersedia</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="89" />
      <source>Avg. order</source>
      <translation>Rata-rata pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="85" />
      <source>Back up now</source>
      <translation>Cadangkan sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="171" />
      <source>Backed up to {path}.</source>
      <translation>Dicadangkan ke {path}.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="158" />
      <source>Backing up…</source>
      <translation>Mencadangkan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="91" />
      <source>Backup progress</source>
      <translation>Kemajuan pencadangan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="79" />
      <source>Backups</source>
      <translation>Cadangan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="119" />
      <source>Backups need a data folder.</source>
      <translation>Cadangan memerlukan folder data.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="67" />
      <source>Backups to keep (one is made each day while StoreSync runs).</source>
      <translation>Jumlah cadangan yang disimpan (satu dibuat setiap hari selama StoreSync berjalan).</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="47" />
      <source>Barcode</source>
      <translation>Barcode</translation>
    </message>
    <message>
      <location filename="../../app/core/services/stores.py" line="113" />
      <source>base URL is required</source>
      <translation>URL dasar wajib diisi</translation>
    </message>
    <message>
      <location filename="../../app/core/services/stores.py" line="116" />
      <source>base URL must be https (http only for 127.0.0.1)</source>
      <translation>URL dasar harus https (http hanya untuk 127.0.0.1)</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="81" />
      <source>Before</source>
      <translation>Sebelum</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="139" />
      <source>Brand</source>
      <translation>Merek</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="205" />
      <source>brand is longer than 80 characters</source>
      <translation>merek lebih dari 80 karakter</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="106" />
      <source>Browse…</source>
      <translation>Telusuri…</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="325" />
      <source>buffer cannot be negative</source>
      <translation>stok cadangan tidak boleh negatif</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="93" />
      <source>Bulk actions on the selection</source>
      <translation>Tindakan massal untuk yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="82" />
      <source>Buyer</source>
      <translation>Pembeli</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="126" />
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="201" />
      <source>Cancel orders</source>
      <translation>Batalkan pesanan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="57" />
      <source>cancel orders or decide returns</source>
      <translation>membatalkan pesanan atau memutuskan retur</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="69" />
      <source>Cancel order…</source>
      <translation>Batalkan pesanan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="127" />
      <source>Cancel reason</source>
      <translation>Alasan pembatalan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="70" />
      <source>Cancel the selected unshipped orders on the marketplace</source>
      <translation>Batalkan pesanan terpilih yang belum dikirim di marketplace</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="120" />
      <source>Cancel {n} orders on the marketplace. Reserved stock is released once the marketplace confirms.</source>
      <translation>Batalkan {n} pesanan di marketplace. Stok yang dipesan dilepas setelah marketplace mengonfirmasi.</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="92" />
      <source>Cancelled</source>
      <translation>Dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/bridge.py" line="105" />
      <source>cancelled</source>
      <translation>dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="372" />
      <source>CANCELLED</source>
      <translation>DIBATALKAN</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="170" />
      <source>Cancelled by the seller</source>
      <translation>Dibatalkan oleh penjual</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="99" />
      <source>Cancelled by {who}: {reason}</source>
      <translation>Dibatalkan oleh {who}: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="210" />
      <source>Cancelling…</source>
      <translation>Membatalkan…</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="233" />
      <source>cannot be negative</source>
      <translation>tidak boleh negatif</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/aftersale.py" line="25" />
      <source>Cannot deliver to the buyer's area</source>
      <translation>Tidak dapat mengirim ke area pembeli</translation>
    </message>
    <message>
      <location filename="../../app/core/db/team.py" line="153" />
      <source>Cannot reach the team database server {url}: check the address and port, the network and that PostgreSQL is running, then try again.</source>
      <translation>Server database tim {url} tidak dapat dihubungi: periksa alamat dan port, jaringan, dan bahwa PostgreSQL berjalan, lalu coba lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="130" />
      <source>cannot read {file}: {error}</source>
      <translation>tidak dapat membaca {file}: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="197" />
      <source>Cannot ship</source>
      <translation>Tidak dapat dikirim</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="534" />
      <source>cannot sort by {sort}</source>
      <translation>tidak dapat mengurutkan berdasarkan {sort}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/order_views.py" line="69" />
      <source>cannot sort orders by {sort}</source>
      <translation>tidak dapat mengurutkan pesanan berdasarkan {sort}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/stock_levels.py" line="221" />
      <source>cannot sort stock by {sort}</source>
      <translation>tidak dapat mengurutkan stok berdasarkan {sort}</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="138" />
      <source>cannot write the PDF file {path}: {reason}</source>
      <translation>tidak dapat menulis file PDF {path}: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="79" />
      <source>cannot write the PDF file: check the folder exists and is writable</source>
      <translation>tidak dapat menulis file PDF: periksa bahwa foldernya ada dan dapat ditulisi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="115" />
      <source>Cap</source>
      <translation>Batas maksimum</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="329" />
      <source>cap cannot be negative</source>
      <translation>batas maksimum tidak boleh negatif</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="60" />
      <source>Cap enabled</source>
      <translation>Batas maksimum aktif</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/aftersale.py" line="26" />
      <source>Cash on delivery not supported</source>
      <translation>Bayar di tempat (COD) tidak didukung</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="57" />
      <source>Catalog</source>
      <translation>Katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="65" />
      <source>Catalog variants</source>
      <translation>Varian katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="140" />
      <source>Category</source>
      <translation>Kategori</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="83" />
      <source>Category filter</source>
      <translation>Filter kategori</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="206" />
      <source>category is longer than 80 characters</source>
      <translation>kategori lebih dari 80 karakter</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="133" />
      <source>Change (+ adds, − removes)</source>
      <translation>Perubahan (+ menambah, − mengurangi)</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="59" />
      <source>change costs</source>
      <translation>mengubah modal</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="90" />
      <source>Change role</source>
      <translation>Ubah peran</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="61" />
      <source>change settings</source>
      <translation>mengubah pengaturan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="56" />
      <source>change stock</source>
      <translation>mengubah stok</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="60" />
      <source>change stores or their settings</source>
      <translation>mengubah toko atau pengaturannya</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="58" />
      <source>change the catalog</source>
      <translation>mengubah katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="96" />
      <source>Channel listings</source>
      <translation>Listing channel</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="179" />
      <source>Check file</source>
      <translation>Periksa file</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="457" />
      <source>Checking the keys and reading the shop…</source>
      <translation>Memeriksa kunci dan membaca toko…</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="301" />
      <source>Checking…</source>
      <translation>Memeriksa…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="90" />
      <source>Choose a backup…</source>
      <translation>Pilih cadangan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="298" />
      <source>Choose a file first.</source>
      <translation>Pilih file terlebih dahulu.</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="184" />
      <source>Choose a file to save to.</source>
      <translation>Pilih file tujuan penyimpanan.</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="171" />
      <source>Choose a file, then Check it.</source>
      <translation>Pilih file, lalu klik Periksa file.</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="281" />
      <source>Choose an image</source>
      <translation>Pilih gambar</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/ship_job.py" line="146" />
      <source>choose pickup or drop-off for this order</source>
      <translation>pilih pickup atau drop-off untuk pesanan ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="154" />
      <source>Choose the filled-in .xlsx file</source>
      <translation>Pilih file .xlsx yang sudah diisi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="59" />
      <source>Choose the marketplace and where its API lives.</source>
      <translation>Pilih marketplace dan lokasi API-nya.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="164" />
      <source>choose two different locations</source>
      <translation>pilih dua lokasi yang berbeda</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="105" />
      <source>Choose where to save the .xlsx file</source>
      <translation>Pilih lokasi penyimpanan file .xlsx</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="193" />
      <source>chosen automatically on this computer</source>
      <translation>dipilih otomatis di komputer ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="127" />
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <location filename="../../app/core/services/locations.py" line="47" />
      <source>code must be 1–40 characters without spaces</source>
      <translation>kode harus 1–40 karakter tanpa spasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="136" />
      <source>Colours</source>
      <translation>Warna</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="71" />
      <source>Column</source>
      <translation>Kolom</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="243" />
      <source>Completed</source>
      <translation>Selesai</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="59" />
      <source>Components</source>
      <translation>Komponen</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="82" />
      <source>Components (quantity in one bundle)</source>
      <translation>Komponen (jumlah dalam satu paket)</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="47" />
      <source>Components of {sku}</source>
      <translation>Komponen {sku}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="174" />
      <source>Components…</source>
      <translation>Komponen…</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="159" />
      <source>Computing the figures</source>
      <translation>Menghitung angka</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="157" />
      <source>Computing…</source>
      <translation>Menghitung…</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="99" />
      <source>Confirmed, not landed yet</source>
      <translation>Sudah dikonfirmasi, belum diterapkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="129" />
      <source>Connect a store</source>
      <translation>Hubungkan toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="129" />
      <source>Connect a store…</source>
      <translation>Hubungkan toko…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="86" />
      <source>Connect store</source>
      <translation>Hubungkan toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="86" />
      <source>Connect store…</source>
      <translation>Hubungkan toko…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="162" />
      <source>Connected: PostgreSQL {version}.</source>
      <translation>Terhubung: PostgreSQL {version}.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="473" />
      <source>Connected: {names}. The first sync has started; follow it in Sync activity.</source>
      <translation>Terhubung: {names}. Sinkronisasi pertama sudah dimulai; pantau di Aktivitas sinkronisasi.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="427" />
      <source>Connecting</source>
      <translation>Menghubungkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="486" />
      <source>Connecting failed: {error}
Go Back to approve again (each code works once).</source>
      <translation>Gagal menghubungkan: {error}
Kembali ke langkah sebelumnya untuk menyetujui lagi (setiap kode hanya berlaku sekali).</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="490" />
      <source>Connecting failed: {error}
Go Back to check the address and keys.</source>
      <translation>Gagal menghubungkan: {error}
Kembali untuk memeriksa alamat dan kunci.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="151" />
      <source>Connecting…</source>
      <translation>Menghubungkan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="298" />
      <source>Consent link</source>
      <translation>Tautan persetujuan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="229" />
      <source>Consumer key</source>
      <translation>Consumer key</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="229" />
      <source>Consumer secret</source>
      <translation>Consumer secret</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="230" />
      <source>Contract address</source>
      <translation>Alamat kontrak</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="315" />
      <source>Copied {n} order numbers</source>
      <translation>{n} nomor pesanan disalin</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="228" />
      <source>Copied {rows} rows; row counts and the ledger check out. Choose "Use this database" to work on it.</source>
      <translation>{rows} baris disalin; jumlah baris dan buku besar stok cocok. Pilih "Gunakan database ini" untuk bekerja di sana.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="305" />
      <source>Copy consent link</source>
      <translation>Salin tautan persetujuan</translation>
    </message>
    <message>
      <location filename="../../app/gui/crash.py" line="78" />
      <source>Copy diagnostics</source>
      <translation>Salin diagnostik</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="195" />
      <source>Copy every product, stock count, order and store of the local database into the team database? It must be empty; the local file is not changed.</source>
      <translation>Salin semua produk, stok, pesanan, dan toko dari database lokal ke database tim? Database tim harus kosong; file lokal tidak diubah.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="305" />
      <source>Copy link</source>
      <translation>Salin tautan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="137" />
      <source>Copy order numbers</source>
      <translation>Salin nomor pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="137" />
      <source>Copy the selected order numbers</source>
      <translation>Salin nomor pesanan yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="194" />
      <source>Copy this workspace there</source>
      <translation>Salin ruang kerja ini ke sana</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="80" />
      <source>Copy this workspace there…</source>
      <translation>Salin ruang kerja ini ke sana…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="210" />
      <source>Copying…</source>
      <translation>Menyalin…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="222" />
      <source>Copying… ({done} of {total} table groups)</source>
      <translation>Menyalin… ({done} dari {total} kelompok tabel)</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/model.py" line="44" />
      <source>Cost</source>
      <translation>Modal</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="45" />
      <source>Cost (Rp)</source>
      <translation>Modal (Rp)</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="191" />
      <source>cost cannot be negative</source>
      <translation>modal tidak boleh negatif</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="326" />
      <source>Cost per unit (Rp)</source>
      <translation>Modal per unit (Rp)</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="329" />
      <source>Could not add the location</source>
      <translation>Lokasi tidak dapat ditambahkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="362" />
      <source>Could not build the consent link: {error}</source>
      <translation>Tautan persetujuan tidak dapat dibuat: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="255" />
      <source>Could not change the prices</source>
      <translation>Harga tidak dapat diubah</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="307" />
      <source>Could not change the products</source>
      <translation>Gagal mengubah produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="249" />
      <source>Could not change the store</source>
      <translation>Toko tidak dapat diubah</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="114" />
      <source>Could not dismiss the review</source>
      <translation>Tidak dapat menutup tinjauan</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="327" />
      <source>Could not load the figures: {error}</source>
      <translation>Angka tidak dapat dimuat: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="298" />
      <source>Could not map the listing</source>
      <translation>Gagal memetakan listing</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="266" />
      <source>Could not open the product</source>
      <translation>Gagal membuka produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="182" />
      <source>Could not open {folder}:
{error}</source>
      <translation>Tidak dapat membuka {folder}:
{error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="225" />
      <source>Could not push the prices</source>
      <translation>Harga tidak dapat dikirim</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="277" />
      <source>Could not read the dashboard: {error}</source>
      <translation>Dasbor tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="166" />
      <source>Could not read the reasons: {error}</source>
      <translation>Alasan tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="143" />
      <source>Could not read the stores: {error}</source>
      <translation>Data toko tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="289" />
      <source>Could not remove the store</source>
      <translation>Toko tidak dapat dihapus</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="345" />
      <source>Could not retry</source>
      <translation>Tidak dapat mencoba lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="452" />
      <source>Could not save the product</source>
      <translation>Gagal menyimpan produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="284" />
      <source>Could not save the settings</source>
      <translation>Pengaturan tidak dapat disimpan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="350" />
      <source>Could not set the brand</source>
      <translation>Gagal mengatur merek</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="349" />
      <source>Could not set the category</source>
      <translation>Gagal mengatur kategori</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="351" />
      <source>Could not set the cost</source>
      <translation>Gagal mengatur modal</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="359" />
      <source>Could not start the sync</source>
      <translation>Sinkronisasi tidak dapat dimulai</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="331" />
      <source>Could not stop the job</source>
      <translation>Tugas tidak dapat dihentikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="316" />
      <source>Could not unmap</source>
      <translation>Gagal menghapus pemetaan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="151" />
      <source>Counted on hand</source>
      <translation>Stok fisik hasil hitung</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="44" />
      <source>Counting error</source>
      <translation>Salah hitung</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="80" />
      <source>Create master products for listings with unknown SKUs</source>
      <translation>Buat produk master untuk listing dengan SKU yang tidak dikenal</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="129" />
      <source>Ctrl+K to search</source>
      <translation>Ctrl+K untuk mencari</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="79" />
      <source>Custom</source>
      <translation>Kustom</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="188" />
      <source>Custom redirect</source>
      <translation>Redirect khusus</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="245" />
      <source>Custom website</source>
      <translation>Situs web sendiri</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="41" />
      <source>Damaged</source>
      <translation>Rusak</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="54" />
      <source>Dark</source>
      <translation>Gelap</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="64" />
      <source>Dashboard</source>
      <translation>Dasbor</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="155" />
      <source>Data</source>
      <translation>Data</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="158" />
      <source>Data folder: {folder}</source>
      <translation>Folder data: {folder}</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="149" />
      <source>Date range</source>
      <translation>Rentang tanggal</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="142" />
      <source>Dates and times on screen, days in Analytics and in exports use this zone.</source>
      <translation>Tanggal dan jam di layar, hari di Analitik dan di ekspor memakai zona ini.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/analytics/stock.py" line="105" />
      <source>days must be at least 1</source>
      <translation>jumlah hari harus minimal 1</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="66" />
      <source>Days without a sale that make a slow mover.</source>
      <translation>Jumlah hari tanpa penjualan hingga barang dianggap lambat laku.</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="92" />
      <source>Deactivate</source>
      <translation>Nonaktifkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="92" />
      <source>Deactivate or reactivate</source>
      <translation>Nonaktifkan atau aktifkan lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="124" />
      <source>deactivated</source>
      <translation>nonaktif</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="149" />
      <source>DEBUG</source>
      <translation>DEBUG</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="238" />
      <source>Decision</source>
      <translation>Keputusan</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="217" />
      <source>Deducted</source>
      <translation>Dikurangi</translation>
    </message>
    <message>
      <location filename="../../app/gui/launch.py" line="166" />
      <source>Demo shops connected; syncing…</source>
      <translation>Toko demo terhubung; menyinkronkan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="141" />
      <source>Description</source>
      <translation>Deskripsi</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="129" />
      <source>Details</source>
      <translation>Rincian</translation>
    </message>
    <message>
      <location filename="../../app/gui/crash.py" line="74" />
      <source>Diagnostics</source>
      <translation>Diagnostik</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="287" />
      <source>Diagnostics copied to the clipboard.</source>
      <translation>Diagnostik disalin ke papan klip.</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="209" />
      <source>Disconnected</source>
      <translation>Terputus</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="107" />
      <source>Dismiss</source>
      <translation>Tandai sudah dilihat</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="57" />
      <source>Disputed</source>
      <translation>Disengketakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="48" />
      <source>done</source>
      <translation>selesai</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="139" />
      <source>Download template…</source>
      <translation>Unduh template…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="49" />
      <source>Download the selected orders' airway bills into one PDF (Ctrl+P)</source>
      <translation>Unduh resi pesanan terpilih menjadi satu PDF (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="65" />
      <source>Drift policy</source>
      <translation>Kebijakan selisih stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="108" />
      <source>Drop the selected prices: they are not sent</source>
      <translation>Batalkan harga yang dipilih: harga tidak dikirim</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="101" />
      <source>Drop-off at a branch</source>
      <translation>Antar ke cabang (drop-off)</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="266" />
      <source>Duration</source>
      <translation>Durasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="56" />
      <source>e.g. 150000 or 150.000</source>
      <translation>mis. 150000 atau 150.000</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="73" />
      <source>e.g. A-03-2</source>
      <translation>mis. A-03-2</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="272" />
      <source>Each line's own location</source>
      <translation>Lokasi masing-masing baris</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="124" />
      <source>Each store's prices from its rule: see what would change, push what you tick</source>
      <translation>Harga tiap toko menurut aturannya: lihat apa yang berubah, kirim yang Anda centang</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="182" />
      <source>Earliest slot of each order</source>
      <translation>Jadwal paling awal tiap pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="90" />
      <source>Edit product</source>
      <translation>Ubah produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="134" />
      <source>Edit {name}</source>
      <translation>Ubah {name}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="90" />
      <source>Edit…</source>
      <translation>Ubah…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="258" />
      <source>Enter the redirect address registered for your app</source>
      <translation>Masukkan alamat redirect yang terdaftar untuk aplikasi Anda</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/website_keys.py" line="66" />
      <source>Enter the secret key</source>
      <translation>Masukkan kunci rahasia</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="135" />
      <source>Enter the team database's URL first.</source>
      <translation>Masukkan URL database tim terlebih dahulu.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="77" />
      <source>Environment</source>
      <translation>Lingkungan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="152" />
      <source>ERROR</source>
      <translation>KESALAHAN</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="274" />
      <source>Error</source>
      <translation>Kesalahan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="105" />
      <source>Every selected order is cancelled.</source>
      <translation>Semua pesanan terpilih sudah dibatalkan.</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="303" />
      <source>Every store is syncing normally.</source>
      <translation>Sinkronisasi semua toko berjalan normal.</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="142" />
      <source>Excel files (*.xlsx)</source>
      <translation>File Excel (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="149" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="459" />
      <source>Exchanging the code for tokens and reading the shop…</source>
      <translation>Menukar kode dengan token dan membaca data toko…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="146" />
      <source>Exchanging the new code…</source>
      <translation>Menukar kode baru…</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="186" />
      <source>expired {time} ago</source>
      <translation>kedaluwarsa {time} lalu</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="113" />
      <source>Export</source>
      <translation>Ekspor</translation>
    </message>
    <message>
      <location filename="../../app/core/export/reports.py" line="161" />
      <source>export cancelled</source>
      <translation>ekspor dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="245" />
      <source>Export cancelled; no file was written.</source>
      <translation>Ekspor dibatalkan; tidak ada file yang disimpan.</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="63" />
      <source>Export Excel…</source>
      <translation>Ekspor Excel…</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="248" />
      <source>Export failed: {error}</source>
      <translation>Ekspor gagal: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="63" />
      <source>Export the audit log</source>
      <translation>Ekspor log audit</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="78" />
      <source>Export to Excel</source>
      <translation>Ekspor ke Excel</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="162" />
      <source>Export to Excel…</source>
      <translation>Ekspor ke Excel…</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="137" />
      <source>Exported {n} entries to {path}</source>
      <translation>{n} entri diekspor ke {path}</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="193" />
      <source>Exporting…</source>
      <translation>Mengekspor…</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="179" />
      <source>Failed</source>
      <translation>Gagal</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="46" />
      <source>failed</source>
      <translation>gagal</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="386" />
      <source>Failed: {error}</source>
      <translation>Gagal: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="104" />
      <source>Failures only</source>
      <translation>Hanya yang gagal</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="78" />
      <source>Fee estimate</source>
      <translation>Perkiraan biaya</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="332" />
      <source>fee estimate must be between 0 and 100 %</source>
      <translation>perkiraan biaya harus antara 0 dan 100 %</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="91" />
      <source>Fees</source>
      <translation>Biaya</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/orders_job.py" line="81" />
      <source>fees of order {order} not read yet: {error}</source>
      <translation>biaya pesanan {order} belum terbaca: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="251" />
      <source>Fetch orders</source>
      <translation>Ambil pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="109" />
      <source>Fetch orders every</source>
      <translation>Ambil pesanan setiap</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="117" />
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="55" />
      <source>file paths or URLs separated by ;</source>
      <translation>path file atau URL dipisahkan dengan ;</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="144" />
      <source>Fill in the catalog</source>
      <translation>Isi dengan katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="114" />
      <source>Find a variant</source>
      <translation>Cari varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="115" />
      <source>Find any variant by SKU or name…</source>
      <translation>Cari SKU atau nama varian…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="70" />
      <source>First sync review</source>
      <translation>Tinjauan sinkronisasi pertama</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="57" />
      <source>First sync review — {store}</source>
      <translation>Tinjauan sinkronisasi pertama — {store}</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="189" />
      <source>Fixed price</source>
      <translation>Harga tetap</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="54" />
      <source>Follow the system</source>
      <translation>Ikuti sistem</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="43" />
      <source>Found</source>
      <translation>Ditemukan</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="151" />
      <source>From</source>
      <translation>Dari</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="99" />
      <source>From date</source>
      <translation>Dari tanggal</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="228" />
      <source>give an owner a password first (Users → Reset password, or storesync users passwd owner): once accounts are on everyone signs in</source>
      <translation>beri pemilik kata sandi dulu (Pengguna → Atur ulang kata sandi, atau storesync users passwd owner): setelah akun aktif semua orang harus masuk</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="114" />
      <source>History</source>
      <translation>Riwayat</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="97" />
      <source>How to ship</source>
      <translation>Cara pengiriman</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="205" />
      <source>Idle</source>
      <translation>Siaga</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="48" />
      <source>Images</source>
      <translation>Gambar</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="281" />
      <source>Images (*.png *.jpg *.jpeg *.webp)</source>
      <translation>Gambar (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="162" />
      <source>Import</source>
      <translation>Impor</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="114" />
      <source>Import Excel…</source>
      <translation>Impor Excel…</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="127" />
      <source>Import from Excel</source>
      <translation>Impor dari Excel</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="161" />
      <source>Import from Excel…</source>
      <translation>Impor dari Excel…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="81" />
      <source>Import unmatched</source>
      <translation>Impor yang tidak cocok</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="367" />
      <source>Imported {rows} rows: {products} products, {variants} variants, {stock} stock changes.</source>
      <translation>{rows} baris diimpor: {products} produk, {variants} varian, {stock} perubahan stok.</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="356" />
      <source>Importing…</source>
      <translation>Mengimpor…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="151" />
      <source>In WordPress open WooCommerce → Settings → Advanced → REST API → Add key, give it Read/Write permission, and paste the Consumer key (ck_…) and Consumer secret (cs_…) here with your shop's https:// address.</source>
      <translation>Di WordPress buka WooCommerce → Settings → Advanced → REST API → Add key, beri izin Read/Write, lalu tempel Consumer key (ck_…) dan Consumer secret (cs_…) di sini bersama alamat https:// toko Anda.</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="187" />
      <source>in {time}</source>
      <translation>dalam {time}</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="150" />
      <source>INFO</source>
      <translation>INFO</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="65" />
      <source>Interface language (en or id).</source>
      <translation>Bahasa antarmuka (en atau id).</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="238" />
      <source>Interrupted</source>
      <translation>Terhenti</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="55" />
      <source>Inventory</source>
      <translation>Persediaan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="56" />
      <source>Inventory valuation at cost</source>
      <translation>Nilai persediaan berdasarkan modal</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="84" />
      <source>Item</source>
      <translation>Barang</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="248" />
      <source>Item and orders</source>
      <translation>Barang dan pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="83" />
      <source>Items</source>
      <translation>Barang</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="403" />
      <source>Items: {n}</source>
      <translation>Jumlah barang: {n}</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="171" />
      <source>Job</source>
      <translation>Tugas</translation>
    </message>
    <message>
      <location filename="../../app/gui/widgets/helpers.py" line="36" />
      <source>Job history</source>
      <translation>Riwayat tugas</translation>
    </message>
    <message>
      <location filename="../../app/gui/widgets/helpers.py" line="37" />
      <source>Job log</source>
      <translation>Log tugas</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="99" />
      <source>Job type filter</source>
      <translation>Filter jenis tugas</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="329" />
      <source>Job {id} had already finished</source>
      <translation>Tugas {id} sudah selesai sebelumnya</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="72" />
      <source>kept in the keychain</source>
      <translation>disimpan di keychain</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="230" />
      <source>Key name</source>
      <translation>Nama kunci</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="49" />
      <source>Kind</source>
      <translation>Jenis</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="76" />
      <source>Last 30 days</source>
      <translation>30 hari terakhir</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="75" />
      <source>Last 7 days</source>
      <translation>7 hari terakhir</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="123" />
      <source>Last error</source>
      <translation>Kesalahan terakhir</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="78" />
      <source>Last month</source>
      <translation>Bulan lalu</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="67" />
      <source>Last pushed</source>
      <translation>Terakhir disinkronkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="80" />
      <source>Last sign-in</source>
      <translation>Terakhir masuk</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="107" />
      <source>Last sync</source>
      <translation>Sinkronisasi terakhir</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="71" />
      <source>last sync {time}</source>
      <translation>sinkronisasi terakhir {time}</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="201" />
      <source>Last told</source>
      <translation>Terakhir dikirim</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="49" />
      <source>Last units</source>
      <translation>Unit terakhir</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="50" />
      <source>Last units go to</source>
      <translation>Unit terakhir untuk</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="415" />
      <source>last units must be a whole number from 0 to 100000, or empty</source>
      <translation>unit terakhir harus bilangan bulat dari 0 sampai 100000, atau kosong</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="108" />
      <source>Last units on</source>
      <translation>Unit terakhir di</translation>
    </message>
    <message>
      <location filename="../../app/core/services/channel_stock.py" line="173" />
      <source>last-units threshold must be between 0 and 100000, or empty</source>
      <translation>batas unit terakhir harus antara 0 dan 100000, atau kosong</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="194" />
      <source>Latest activity</source>
      <translation>Aktivitas terbaru</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="190" />
      <source>Left out, cancelled: {numbers}</source>
      <translation>Tidak disertakan, dibatalkan: {numbers}</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="288" />
      <source>Level</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="54" />
      <source>Light</source>
      <translation>Terang</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="467" />
      <source>line {sku} is not mapped to a master SKU: map it first, then restock</source>
      <translation>baris {sku} belum dipetakan ke SKU induk: petakan dulu, lalu kembalikan ke stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="51" />
      <source>Listing</source>
      <translation>Listing</translation>
    </message>
    <message>
      <location filename="../../app/core/services/prices.py" line="233" />
      <source>listing {id} not found</source>
      <translation>listing {id} tidak ditemukan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/listings.py" line="207" />
      <source>listing {listing} does not exist</source>
      <translation>listing {listing} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="130" />
      <source>listing {listing}: price {price} is outside 0 to Rp {high}</source>
      <translation>listing {listing}: harga {price} di luar 0 sampai Rp {high}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="115" />
      <source>listing {listing}: stock {stock} is outside 0 to {high}</source>
      <translation>listing {listing}: stok {stock} di luar 0 sampai {high}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="123" />
      <source>listing {listing}: warehouse {warehouse} stock is outside 0 to {high}</source>
      <translation>listing {listing}: stok gudang {warehouse} di luar 0 sampai {high}</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="141" />
      <source>Listings not mapped</source>
      <translation>Listing belum dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="97" />
      <source>Listings whose stock differed from StoreSync's when the store was first read</source>
      <translation>Listing yang stoknya berbeda dari StoreSync saat toko pertama kali dibaca</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="128" />
      <source>Loading reasons…</source>
      <translation>Memuat alasan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="131" />
      <source>Location</source>
      <translation>Lokasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="72" />
      <source>Location filter</source>
      <translation>Filter lokasi</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="461" />
      <source>location {id} does not exist</source>
      <translation>lokasi {id} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="42" />
      <source>location {location_id} does not exist</source>
      <translation>lokasi {location_id} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="44" />
      <source>location {name} is inactive</source>
      <translation>lokasi {name} nonaktif</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="296" />
      <source>Log of job {id}: {store}, {kind}</source>
      <translation>Log tugas {id}: {store}, {kind}</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="131" />
      <source>Log of the selected job</source>
      <translation>Log tugas yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="280" />
      <source>Logs are in {folder}</source>
      <translation>Log ada di {folder}</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="205" />
      <source>longer than {max_len} characters</source>
      <translation>lebih dari {max_len} karakter</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="42" />
      <source>Lost</source>
      <translation>Hilang</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="36" />
      <source>Low</source>
      <translation>Menipis</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="142" />
      <source>Low stock</source>
      <translation>Stok menipis</translation>
    </message>
    <message>
      <location filename="../../app/gui/low_stock.py" line="23" />
      <source>Low stock: {sku}</source>
      <translation>Stok menipis: {sku}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/analytics/dashboard.py" line="336" />
      <source>Low stock: {sku}, {available} left (reorder point {point})</source>
      <translation>Stok menipis: {sku}, sisa {available} (titik pesan ulang {point})</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="174" />
      <source>Make the selected variant a bundle of components</source>
      <translation>Jadikan varian yang dipilih paket dari beberapa komponen</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="62" />
      <source>manage users</source>
      <translation>mengelola pengguna</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="142" />
      <source>manual</source>
      <translation>manual</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="215" />
      <source>Manual</source>
      <translation>Manual</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="125" />
      <source>Map every selected listing to its best suggestion</source>
      <translation>Petakan setiap listing yang dipilih ke saran terbaiknya</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="119" />
      <source>Map listing to the selected variant</source>
      <translation>Petakan listing ke varian yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="287" />
      <source>Map listings</source>
      <translation>Petakan listing</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="124" />
      <source>Map selected to best suggestions</source>
      <translation>Petakan yang dipilih ke saran terbaik</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="141" />
      <source>Map this order's items</source>
      <translation>Petakan barang pesanan ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="119" />
      <source>Map to selected variant</source>
      <translation>Petakan ke varian yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="141" />
      <source>Map unmapped items…</source>
      <translation>Petakan barang yang belum dipetakan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="288" />
      <source>Map {n} listings to their best suggestion?</source>
      <translation>Petakan {n} listing ke saran terbaiknya?</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="59" />
      <source>Mapped</source>
      <translation>Dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="301" />
      <source>Mapped {n} listing(s); {lines} open order line(s) now hold stock.</source>
      <translation>{n} listing dipetakan; {lines} baris pesanan terbuka kini memesan stok.</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="142" />
      <source>Mapping</source>
      <translation>Pemetaan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="97" />
      <source>Mark these differences as seen; the list is emptied</source>
      <translation>Tandai selisih ini sudah dilihat; daftar dikosongkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="347" />
      <source>Marked copy saved to {path}</source>
      <translation>Salinan bertanda disimpan ke {path}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="117" />
      <source>Marketplace fee estimate</source>
      <translation>Perkiraan biaya marketplace</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="58" />
      <source>Marketplace fees</source>
      <translation>Biaya marketplace</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="58" />
      <source>Marketplace fees (estimate)</source>
      <translation>Biaya marketplace (perkiraan)</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="247" />
      <source>Marketplace SKU</source>
      <translation>SKU marketplace</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="50" />
      <source>Master says</source>
      <translation>Menurut master</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="86" />
      <source>Master SKU</source>
      <translation>SKU induk</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="35" />
      <source>Master stock adjusted by {diff:+d} to the platform's figure</source>
      <translation>Stok master disesuaikan {diff:+d} ke angka platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="39" />
      <source>Master's figure ({n}) was sent to the store</source>
      <translation>Angka master ({n}) sudah dikirim ke toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="40" />
      <source>Master's figure ({n}) will be sent to the store</source>
      <translation>Angka master ({n}) akan dikirim ke toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="52" />
      <source>Matching variants</source>
      <translation>Varian yang cocok</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="294" />
      <source>Message</source>
      <translation>Pesan</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="126" />
      <source>Messages</source>
      <translation>Pesan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="110" />
      <source>Method:</source>
      <translation>Metode:</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="55" />
      <source>Monthly sales summary</source>
      <translation>Ringkasan penjualan bulanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="134" />
      <source>Movement history</source>
      <translation>Riwayat pergerakan stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="187" />
      <source>My app's registered redirect address is elsewhere</source>
      <translation>Alamat redirect yang terdaftar untuk aplikasi saya ada di tempat lain</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="69" />
      <source>My own website (StoreSync contract)</source>
      <translation>Situs web saya sendiri (kontrak StoreSync)</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="60" />
      <source>Name</source>
      <translation>Nama</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="320" />
      <source>Name (e.g. Toko Depan):</source>
      <translation>Nama (mis. Toko Depan):</translation>
    </message>
    <message>
      <location filename="../../app/core/services/locations.py" line="49" />
      <source>name is required</source>
      <translation>nama wajib diisi</translation>
    </message>
    <message>
      <location filename="../../app/core/services/picking.py" line="384" />
      <source>name the orders (--order) or a status</source>
      <translation>sebutkan pesanannya (--order) atau statusnya</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="54" />
      <source>name=value pairs separated by ;  e.g. Colour=Red; Size=XL</source>
      <translation>pasangan nama=nilai dipisahkan dengan ;  mis. Warna=Merah; Ukuran=XL</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="95" />
      <source>Nearest Rp {step}</source>
      <translation>Kelipatan Rp {step} terdekat</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="260" />
      <source>Needs input</source>
      <translation>Perlu diisi</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="196" />
      <source>Needs re-authorization</source>
      <translation>Perlu otorisasi ulang</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="202" />
      <source>never</source>
      <translation>belum pernah</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="60" />
      <source>Never offer more than</source>
      <translation>Jangan tawarkan lebih dari</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="73" />
      <source>never synced</source>
      <translation>belum pernah disinkronkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="74" />
      <source>New</source>
      <translation>Baru</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/website_keys.py" line="32" />
      <source>New keys for {store}</source>
      <translation>Kunci baru untuk {store}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="134" />
      <source>New product</source>
      <translation>Produk baru</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="297" />
      <source>new products cannot reference existing variants</source>
      <translation>produk baru tidak dapat merujuk ke varian yang sudah ada</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="87" />
      <source>New product…</source>
      <translation>Produk baru…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="47" />
      <source>new variant</source>
      <translation>varian baru</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="127" />
      <source>Newest backup: {time} ({n} kept in {folder}).</source>
      <translation>Cadangan terbaru: {time} ({n} disimpan di {folder}).</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="155" />
      <source>No airway bill could be printed; see each order below.</source>
      <translation>Tidak ada resi yang bisa dicetak; lihat tiap pesanan di bawah.</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/labels.py" line="49" />
      <source>No airway bill for an order that is {status}</source>
      <translation>Tidak ada resi untuk pesanan berstatus {status}</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/documents_job.py" line="88" />
      <source>No answer for this order</source>
      <translation>Tidak ada jawaban untuk pesanan ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="123" />
      <source>No backup yet. One is made each day while StoreSync runs, in {folder}.</source>
      <translation>Belum ada cadangan. Satu dibuat setiap hari selama StoreSync berjalan, di {folder}.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="388" />
      <source>no code</source>
      <translation>tidak ada kode</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="107" />
      <source>No data folder: cannot keep the labels</source>
      <translation>Tidak ada folder data: resi tidak bisa disimpan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="424" />
      <source>no location {name}; the locations are: {names}</source>
      <translation>tidak ada lokasi {name}; lokasi yang ada: {names}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/picking.py" line="371" />
      <source>no order number {number}</source>
      <translation>tidak ada nomor pesanan {number}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="88" />
      <source>no order {number} (see the Orders page)</source>
      <translation>tidak ada pesanan {number} (lihat halaman Pesanan)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="134" />
      <source>No PDF viewer opened the file. It is saved at {path}</source>
      <translation>Tidak ada penampil PDF yang membuka file. File tersimpan di {path}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="181" />
      <source>No PDF viewer opened; use Save as… and open {path} yourself.</source>
      <translation>Tidak ada penampil PDF yang terbuka; gunakan Simpan sebagai… lalu buka {path} sendiri.</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="212" />
      <source>No price would change.</source>
      <translation>Tidak ada harga yang berubah.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="100" />
      <source>no reason given</source>
      <translation>tanpa alasan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="314" />
      <source>No returns yet.</source>
      <translation>Belum ada pengembalian.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="471" />
      <source>no shop</source>
      <translation>tidak ada toko</translation>
    </message>
    <message>
      <location filename="../../app/core/services/locations.py" line="74" />
      <source>no stock location exists: add one in Inventory</source>
      <translation>belum ada lokasi stok: tambahkan di Persediaan</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="64" />
      <source>No store connected</source>
      <translation>Belum ada toko yang terhubung</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="122" />
      <source>No store is connected yet.</source>
      <translation>Belum ada toko yang terhubung.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="119" />
      <source>No store yet. Click “Connect store…” to add your first shop.</source>
      <translation>Belum ada toko. Klik “Hubungkan toko…” untuk menambahkan toko pertama Anda.</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="238" />
      <source>No suggestion: search for the variant above.</source>
      <translation>Tidak ada saran: cari variannya di atas.</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="75" />
      <source>No sync is running right now.</source>
      <translation>Tidak ada sinkronisasi yang sedang berjalan.</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/labels.py" line="60" />
      <source>No tracking number yet; try again in a few minutes</source>
      <translation>Belum ada nomor resi; coba lagi beberapa menit lagi</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="143" />
      <source>no user {name!r}</source>
      <translation>tidak ada pengguna {name!r}</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="178" />
      <source>no variant has SKU {sku}</source>
      <translation>tidak ada varian dengan SKU {sku}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundles.py" line="247" />
      <source>no variant has the SKU {sku}</source>
      <translation>tidak ada varian dengan SKU {sku}</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/ship_job.py" line="148" />
      <source>no way to ship this order now</source>
      <translation>pesanan ini tidak dapat dikirim sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="214" />
      <source>None</source>
      <translation>Tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="283" />
      <source>None of the selected listings has a suggestion.</source>
      <translation>Tidak satu pun listing yang dipilih memiliki saran.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/order_items.py" line="350" />
      <source>none of these items can be restocked (not shipped, or already returned)</source>
      <translation>tidak ada satu pun barang ini yang dapat dikembalikan ke stok (belum dikirim, atau sudah dikembalikan)</translation>
    </message>
    <message>
      <location filename="../../app/core/services/ledger.py" line="295" />
      <source>not enough stock for this change: it would go below zero</source>
      <translation>stok tidak cukup untuk perubahan ini: stok akan di bawah nol</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="60" />
      <source>Not mapped</source>
      <translation>Belum dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="235" />
      <source>Not mapped to a SKU: pick by the marketplace's SKU and name</source>
      <translation>Belum dipetakan ke SKU: ambil menurut SKU dan nama di marketplace</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="36" />
      <source>Not mapped — map it…</source>
      <translation>Belum dipetakan — petakan…</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="185" />
      <source>not ready to ship (shipped or cancelled meanwhile)</source>
      <translation>belum siap dikirim (sudah dikirim atau dibatalkan sementara itu)</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="196" />
      <source>not ready to ship (Shopee status {status})</source>
      <translation>belum siap dikirim (status Shopee {status})</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="208" />
      <source>not ready to ship (TikTok status {status})</source>
      <translation>belum siap dikirim (status TikTok {status})</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/labels.py" line="47" />
      <source>Not shipped yet: arrange shipment first</source>
      <translation>Belum dikirim: atur pengiriman terlebih dahulu</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/leases.py" line="51" />
      <source>not synced: its credentials are on another PC (connect it here to sync from this PC)</source>
      <translation>tidak disinkronkan: kredensialnya ada di PC lain (hubungkan di sini untuk menyinkronkan dari PC ini)</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="146" />
      <source>Note</source>
      <translation>Catatan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="140" />
      <source>Note (supplier, invoice)</source>
      <translation>Catatan (pemasok, faktur)</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="298" />
      <source>Nothing changed.</source>
      <translation>Tidak ada yang berubah.</translation>
    </message>
    <message>
      <location filename="../../app/gui/search.py" line="91" />
      <source>Nothing found.</source>
      <translation>Tidak ada hasil.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="283" />
      <source>Nothing goes back on the shelf</source>
      <translation>Tidak ada yang kembali ke rak</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="261" />
      <source>Nothing was restored: {reason}</source>
      <translation>Tidak ada yang dipulihkan: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="315" />
      <source>Nothing yet: orders and syncs will show up here.</source>
      <translation>Belum ada apa-apa: pesanan dan sinkronisasi akan muncul di sini.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="100" />
      <source>Notifications (system tray)</source>
      <translation>Notifikasi (baki sistem)</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="64" />
      <source>Notify when a store needs re-authorization.</source>
      <translation>Beri tahu saat toko perlu otorisasi ulang.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="63" />
      <source>Notify when a sync job fails.</source>
      <translation>Beri tahu saat tugas sinkronisasi gagal.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="62" />
      <source>Notify when an item runs low.</source>
      <translation>Beri tahu saat stok barang menipis.</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="74" />
      <source>Now</source>
      <translation>Sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="68" />
      <source>Offer the last units on one store only (0: off).</source>
      <translation>Tawarkan unit terakhir di satu toko saja (0: mati).</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="37" />
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/model.py" line="45" />
      <source>On hand</source>
      <translation>Stok fisik</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="205" />
      <source>on hold: the buyer may still cancel; ship it after the hold</source>
      <translation>ditahan: pembeli masih dapat membatalkan; kirim setelah masa tahan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="89" />
      <source>On the master price; negative for a markdown</source>
      <translation>Dari harga induk; negatif untuk potongan harga</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/panel.py" line="48" />
      <source>One owner, no sign-in. Adding a user turns sign-in on: give the owner a password first (Users… → Reset password).</source>
      <translation>Satu pemilik, tanpa masuk akun. Menambah pengguna menyalakan masuk akun: beri pemilik kata sandi dulu (Pengguna… → Atur ulang kata sandi).</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="56" />
      <source>One packing slip per selected order (PDF) with its order number's barcode</source>
      <translation>Satu slip kemas per pesanan terpilih (PDF) dengan barcode nomor pesanan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="171" />
      <source>only an owner can give or take the owner role</source>
      <translation>hanya pemilik yang bisa memberi atau mencabut peran pemilik</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="57" />
      <source>Only from this day</source>
      <translation>Hanya sejak hari ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="111" />
      <source>Only this store offers the last units; the others show 0</source>
      <translation>Hanya toko ini yang menawarkan unit terakhir; toko lain menampilkan 0</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="114" />
      <source>Only unmapped</source>
      <translation>Hanya yang belum dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="59" />
      <source>Only up to this day</source>
      <translation>Hanya sampai hari ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="114" />
      <source>Only with unmapped items</source>
      <translation>Hanya yang ada barang belum dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="258" />
      <source>Open</source>
      <translation>Buka</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="75" />
      <source>Open consent link</source>
      <translation>Buka tautan persetujuan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="302" />
      <source>Open consent link in browser</source>
      <translation>Buka tautan persetujuan di browser</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="302" />
      <source>Open in browser</source>
      <translation>Buka di browser</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="163" />
      <source>Open log folder</source>
      <translation>Buka folder log</translation>
    </message>
    <message>
      <location filename="../../app/gui/tray.py" line="85" />
      <source>Open StoreSync</source>
      <translation>Buka StoreSync</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="82" />
      <source>Open the link and approve with the seller account of {store}.</source>
      <translation>Buka tautan dan setujui dengan akun penjual {store}.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="287" />
      <source>Open the link, sign in with the shop's seller account and approve. StoreSync catches the answer on this computer.</source>
      <translation>Buka tautan, masuk dengan akun penjual toko tersebut, lalu setujui. StoreSync menerima jawabannya di komputer ini.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="63" />
      <source>Operator</source>
      <translation>Operator</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="126" />
      <source>optional, e.g. 35.000</source>
      <translation>opsional, mis. 35.000</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="80" />
      <source>Order</source>
      <translation>Pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="146" />
      <source>Order actions</source>
      <translation>Tindakan pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="147" />
      <source>Order detail</source>
      <translation>Detail pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="54" />
      <source>Order lines</source>
      <translation>Item pesanan</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/orders_job.py" line="191" />
      <source>order not stored: {reason}</source>
      <translation>pesanan tidak disimpan: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/picking.py" line="374" />
      <source>order number {number} is in more than one store: add --store</source>
      <translation>nomor pesanan {number} ada di lebih dari satu toko: tambahkan --store</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="107" />
      <source>Order number, buyer, SKU or item name</source>
      <translation>Nomor pesanan, pembeli, SKU, atau nama barang</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="109" />
      <source>Order number, buyer, SKU…</source>
      <translation>Nomor pesanan, pembeli, SKU…</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/polling.py" line="42" />
      <source>Order polling per store</source>
      <translation>Pengambilan pesanan per toko</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="72" />
      <source>order without an id</source>
      <translation>pesanan tanpa ID</translation>
    </message>
    <message>
      <location filename="../../app/core/services/search.py" line="55" />
      <source>Order {number}</source>
      <translation>Pesanan {number}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/analytics/dashboard.py" line="329" />
      <source>Order {number} arrived</source>
      <translation>Pesanan {number} masuk</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="513" />
      <source>order {number} has no return (returns are read with the orders; see: storesync orders returns)</source>
      <translation>pesanan {number} tidak memiliki pengembalian (pengembalian dibaca bersama pesanan; lihat: storesync orders returns)</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="594" />
      <source>order {number} has no returned line {sku} left to decide (open: {choices})</source>
      <translation>pesanan {number} tidak memiliki baris kembalian {sku} yang belum diputuskan (terbuka: {choices})</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="100" />
      <source>order {number} is already cancelled</source>
      <translation>pesanan {number} sudah dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="80" />
      <source>order {number} is on several stores: add --store ID</source>
      <translation>pesanan {number} ada di beberapa toko: tambahkan --store ID</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="104" />
      <source>order {number} is {status}: only unshipped orders can be cancelled</source>
      <translation>pesanan {number} berstatus {status}: hanya pesanan yang belum dikirim yang dapat dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="152" />
      <source>Order {number} · {store}</source>
      <translation>Pesanan {number} · {store}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/order_items.py" line="327" />
      <source>order {order_id} does not exist</source>
      <translation>pesanan {order_id} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/picking.py" line="164" />
      <source>order {order_id} does not exist (any more)</source>
      <translation>pesanan {order_id} tidak ada (lagi)</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/cancel_job.py" line="50" />
      <source>order {order} not cancelled: {reason}</source>
      <translation>pesanan {order} tidak dibatalkan: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="75" />
      <source>order {order}: line {line} has quantity {quantity}, outside 1 to {high}</source>
      <translation>pesanan {order}: baris {line} berjumlah {quantity}, di luar 1 sampai {high}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="102" />
      <source>order {order}: {field} {value} is beyond Rp {high}</source>
      <translation>pesanan {order}: {field} {value} melebihi Rp {high}</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/documents_job.py" line="91" />
      <source>order {order}: {reason}</source>
      <translation>pesanan {order}: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="368" />
      <source>Ordered {date}</source>
      <translation>Dipesan {date}</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="87" />
      <source>Orders</source>
      <translation>Pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/polling.py" line="18" />
      <source>orders flowing</source>
      <translation>pesanan sedang masuk</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="274" />
      <source>Orders in this batch: {numbers}</source>
      <translation>Pesanan dalam batch ini: {numbers}</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="319" />
      <source>orders interval must be at least 10 s</source>
      <translation>interval pesanan harus minimal 10 detik</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="140" />
      <source>Orders to ship</source>
      <translation>Pesanan perlu dikirim</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="62" />
      <source>Orders today</source>
      <translation>Pesanan hari ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="71" />
      <source>Orders yesterday</source>
      <translation>Pesanan kemarin</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/aftersale.py" line="23" />
      <source>Out of stock</source>
      <translation>Stok habis</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/controls.py" line="17" />
      <source>owner</source>
      <translation>pemilik</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="351" />
      <source>Packing slip</source>
      <translation>Slip kemas</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="55" />
      <source>Packing slips</source>
      <translation>Slip kemas</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="307" />
      <source>Page {n} of {total}</source>
      <translation>Halaman {n} dari {total}</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="90" />
      <source>Pages</source>
      <translation>Halaman</translation>
    </message>
    <message>
      <location filename="../../app/core/services/analytics/calendar.py" line="92" />
      <source>pass aware datetimes for the period</source>
      <translation>periode harus memakai waktu dengan zona waktu</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="75" />
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/loopback.py" line="38" />
      <source>paste the address your browser was redirected to</source>
      <translation>tempel alamat tujuan redirect browser Anda</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="317" />
      <source>Paste the whole address from the browser after approving</source>
      <translation>Tempel seluruh alamat dari browser setelah menyetujui</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="91" />
      <source>Pause</source>
      <translation>Jeda</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="91" />
      <source>Pause or resume syncing</source>
      <translation>Jeda atau lanjutkan sinkronisasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="104" />
      <source>Pause syncing this store</source>
      <translation>Jeda sinkronisasi toko ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="207" />
      <source>Paused</source>
      <translation>Dijeda</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="191" />
      <source>PDF file (*.pdf)</source>
      <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="44" />
      <source>pending</source>
      <translation>menunggu</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="327" />
      <source>percentage must be between 0 and 100</source>
      <translation>persentase harus antara 0 dan 100</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="49" />
      <source>Picking list</source>
      <translation>Daftar ambil barang</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="121" />
      <source>Picking list of {n} orders: {pages} pages</source>
      <translation>Daftar ambil barang untuk {n} pesanan: {pages} halaman</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="100" />
      <source>Pickup by the carrier</source>
      <translation>Dijemput kurir (pickup)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="112" />
      <source>Pickup time:</source>
      <translation>Waktu penjemputan:</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/model.py" line="37" />
      <source>Placed</source>
      <translation>Dibuat</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="73" />
      <source>Placed {placed} · updated {updated}</source>
      <translation>Dibuat {placed} · diperbarui {updated}</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="51" />
      <source>Platform</source>
      <translation>Platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="37" />
      <source>Platform sandbox</source>
      <translation>Sandbox platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="49" />
      <source>Platform says</source>
      <translation>Menurut platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="216" />
      <source>Platform shows</source>
      <translation>Tampil di platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="53" />
      <source>Platform SKU</source>
      <translation>SKU platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="57" />
      <source>Platform stock</source>
      <translation>Stok platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="199" />
      <source>Platforms</source>
      <translation>Platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="76" />
      <source>Preparing {n} orders…</source>
      <translation>Menyiapkan {n} pesanan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="55" />
      <source>Price</source>
      <translation>Harga</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="44" />
      <source>Price (Rp)</source>
      <translation>Harga (Rp)</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="96" />
      <source>Price changes</source>
      <translation>Perubahan harga</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="119" />
      <source>Price markup (markdown below 0)</source>
      <translation>Kenaikan harga (potongan jika di bawah 0)</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="336" />
      <source>price markup must be between -90 and 500 %</source>
      <translation>kenaikan harga harus antara -90 dan 500 %</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="340" />
      <source>price rounding must be 0 (whole rupiah), 100, 500 or 1000</source>
      <translation>pembulatan harga harus 0 (rupiah bulat), 100, 500 atau 1000</translation>
    </message>
    <message>
      <location filename="../../app/core/services/prices.py" line="248" />
      <source>price {price} is below the cost {cost}: lower the cost, or allow prices below cost in the store's settings</source>
      <translation>harga {price} di bawah modal {cost}: turunkan modal, atau izinkan harga di bawah modal di pengaturan toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="100" />
      <source>Prices not landed</source>
      <translation>Harga yang belum diterapkan</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/aftersale.py" line="24" />
      <source>Pricing error</source>
      <translation>Kesalahan harga</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="47" />
      <source>Print airway bills</source>
      <translation>Cetak resi</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="65" />
      <source>Print packing slips…</source>
      <translation>Cetak slip kemas…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="61" />
      <source>Print picking list…</source>
      <translation>Cetak daftar ambil barang…</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="55" />
      <source>print shipping documents</source>
      <translation>mencetak dokumen pengiriman</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="65" />
      <source>Print the packing slips</source>
      <translation>Cetak slip kemas</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="61" />
      <source>Print the picking list</source>
      <translation>Cetak daftar ambil barang</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="71" />
      <source>Problem</source>
      <translation>Masalah</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="255" />
      <source>Processed</source>
      <translation>Diproses</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/model.py" line="39" />
      <source>Product</source>
      <translation>Produk</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="322" />
      <source>product interval must be at least 60 s</source>
      <translation>interval produk harus minimal 60 detik</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="138" />
      <source>Product name</source>
      <translation>Nama produk</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="215" />
      <source>product name is longer than 255 characters</source>
      <translation>nama produk lebih dari 255 karakter</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="213" />
      <source>product name is required</source>
      <translation>nama produk wajib diisi</translation>
    </message>
    <message>
      <location filename="../../app/gui/search.py" line="43" />
      <source>Product name, SKU or order number…</source>
      <translation>Nama produk, SKU, atau nomor pesanan…</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="477" />
      <source>product {product} does not exist</source>
      <translation>produk {product} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="36" />
      <source>Production</source>
      <translation>Produksi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="82" />
      <source>Production — my real shop</source>
      <translation>Produksi — toko asli saya</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="141" />
      <source>Products</source>
      <translation>Produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/search.py" line="45" />
      <source>Products by name or SKU, orders by number. Enter opens.</source>
      <translation>Produk menurut nama atau SKU, pesanan menurut nomor. Tekan Enter untuk membuka.</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="53" />
      <source>Products with variants</source>
      <translation>Produk beserta varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="90" />
      <source>Profit</source>
      <translation>Laba</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="190" />
      <source>Profit without costs</source>
      <translation>Laba tanpa modal</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="174" />
      <source>Progress</source>
      <translation>Progres</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="222" />
      <source>Purchase</source>
      <translation>Pembelian</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="120" />
      <source>Push selected</source>
      <translation>Kirim yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="253" />
      <source>Push stock</source>
      <translation>Kirim stok</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/price_push_job.py" line="52" />
      <source>pushed prices of {n} listing(s){changes}; {failed} refused or failed</source>
      <translation>harga {n} listing dikirim{changes}; {failed} ditolak atau gagal</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/push_job.py" line="44" />
      <source>pushed stock of {n} listing(s){changes}; {failed} failed</source>
      <translation>stok {n} listing dikirim{changes}; {failed} gagal</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="280" />
      <source>Put the units back on the shelf; a line's other units are written off</source>
      <translation>Kembalikan unit ke rak; unit lain pada baris itu dihapusbukukan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="84" />
      <source>Qty</source>
      <translation>Jml</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="60" />
      <source>Quantity</source>
      <translation>Jumlah</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="52" />
      <source>quantity cannot be zero</source>
      <translation>jumlah tidak boleh nol</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="50" />
      <source>quantity must be a whole number</source>
      <translation>jumlah harus bilangan bulat</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="54" />
      <source>quantity must be positive</source>
      <translation>jumlah harus positif</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="129" />
      <source>Quantity of {sku}</source>
      <translation>Jumlah {sku}</translation>
    </message>
    <message>
      <location filename="../../app/core/export/bundle_sheet.py" line="86" />
      <source>quantity of {sku} must be a whole number from 1 to {high}</source>
      <translation>jumlah {sku} harus bilangan bulat dari 1 sampai {high}</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="138" />
      <source>Quantity received</source>
      <translation>Jumlah diterima</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="234" />
      <source>Queued</source>
      <translation>Dalam antrean</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/polling.py" line="20" />
      <source>quiet</source>
      <translation>sepi</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="92" />
      <source>Quit</source>
      <translation>Keluar</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="162" />
      <source>Range:</source>
      <translation>Rentang:</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="162" />
      <source>Re-authorization failed: {error}</source>
      <translation>Otorisasi ulang gagal: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="92" />
      <source>Re-authorize store</source>
      <translation>Otorisasi ulang toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="54" />
      <source>Re-authorize {store}</source>
      <translation>Otorisasi ulang {store}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="92" />
      <source>Re-authorize…</source>
      <translation>Otorisasi ulang…</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="150" />
      <source>Reactivate</source>
      <translation>Aktifkan lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="224" />
      <source>Read at</source>
      <translation>Dibaca pada</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="253" />
      <source>Read returns from the marketplaces</source>
      <translation>Baca pengembalian dari marketplace</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="254" />
      <source>Read returns now</source>
      <translation>Baca pengembalian sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="378" />
      <source>Reading returns…</source>
      <translation>Membaca pengembalian…</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/ship_job.py" line="165" />
      <source>reading the shipping options of {n} orders</source>
      <translation>membaca opsi pengiriman {n} pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="91" />
      <source>Reading the shipping options of {n} orders…</source>
      <translation>Membaca opsi pengiriman {n} pesanan…</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/orders_job.py" line="95" />
      <source>real marketplace fees read for {n} completed order(s)</source>
      <translation>biaya marketplace sebenarnya terbaca untuk {n} pesanan selesai</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="134" />
      <source>Reason</source>
      <translation>Alasan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="165" />
      <source>Reasons not available</source>
      <translation>Alasan tidak tersedia</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="93" />
      <source>Receive</source>
      <translation>Terima barang</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="105" />
      <source>Receive a SKU not listed</source>
      <translation>Terima barang untuk SKU yang tidak ada di daftar</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="103" />
      <source>Receive by SKU…</source>
      <translation>Terima barang per SKU…</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="54" />
      <source>Receive stock</source>
      <translation>Terima barang</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="104" />
      <source>Receive stock for any SKU</source>
      <translation>Terima barang untuk SKU apa saja</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="54" />
      <source>Received</source>
      <translation>Diterima</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="203" />
      <source>Received {n}</source>
      <translation>{n} barang diterima</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="414" />
      <source>Received: restock or write off</source>
      <translation>Diterima: kembalikan ke stok atau hapus bukukan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="93" />
      <source>Receive…</source>
      <translation>Terima barang…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="191" />
      <source>Redirect address</source>
      <translation>Alamat redirect</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="316" />
      <source>Redirected address</source>
      <translation>Alamat hasil redirect</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="183" />
      <source>Reference</source>
      <translation>Referensi</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="155" />
      <source>Refresh</source>
      <translation>Muat ulang</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="55" />
      <source>Refunded</source>
      <translation>Dana dikembalikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="191" />
      <source>refused before: {reason}</source>
      <translation>pernah ditolak: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="43" />
      <source>Refused by the platform</source>
      <translation>Ditolak oleh platform</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="56" />
      <source>Rejected</source>
      <translation>Ditolak</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="225" />
      <source>Release</source>
      <translation>Pelepasan</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="218" />
      <source>Released</source>
      <translation>Dilepas</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="56" />
      <source>Remove</source>
      <translation>Hapus</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="51" />
      <source>Remove &lt;b&gt;{store}&lt;/b&gt; from StoreSync?</source>
      <translation>Hapus &lt;b&gt;{store}&lt;/b&gt; dari StoreSync?</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="93" />
      <source>Remove store</source>
      <translation>Hapus toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="56" />
      <source>Remove the selected component</source>
      <translation>Hapus komponen yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="169" />
      <source>Remove variant</source>
      <translation>Hapus varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="93" />
      <source>Remove…</source>
      <translation>Hapus…</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="57" />
      <source>Reorder point</source>
      <translation>Titik pesan ulang</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="214" />
      <source>Reorder point saved</source>
      <translation>Titik pesan ulang disimpan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="61" />
      <source>Reorder point used for items that have none of their own.</source>
      <translation>Titik pesan ulang untuk barang yang tidak punya titik pesan ulang sendiri.</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="96" />
      <source>Reorder point…</source>
      <translation>Titik pesan ulang…</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="159" />
      <source>Reorder quantity</source>
      <translation>Jumlah pesan ulang</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="157" />
      <source>Reorder when available ≤</source>
      <translation>Pesan ulang jika tersedia ≤</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="196" />
      <source>Replace the data in StoreSync with the backup {name}? Changes made since that backup are replaced; the current data is kept beside it.</source>
      <translation>Ganti data di StoreSync dengan cadangan {name}? Perubahan sejak cadangan itu akan diganti; data saat ini disimpan di sebelahnya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="51" />
      <source>Requested</source>
      <translation>Diajukan</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="203" />
      <source>required</source>
      <translation>wajib diisi</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="224" />
      <source>Reservation</source>
      <translation>Reservasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="216" />
      <source>Reserved</source>
      <translation>Dipesan</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="91" />
      <source>Reset password</source>
      <translation>Atur ulang kata sandi</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="91" />
      <source>Reset password…</source>
      <translation>Atur ulang kata sandi…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="238" />
      <source>Restock</source>
      <translation>Kembalikan ke stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="271" />
      <source>Restock into</source>
      <translation>Kembalikan ke</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="96" />
      <source>Restore</source>
      <translation>Pulihkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="187" />
      <source>Restore from backup</source>
      <translation>Pulihkan dari cadangan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="88" />
      <source>Restore from backup…</source>
      <translation>Pulihkan dari cadangan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="78" />
      <source>Restore progress</source>
      <translation>Kemajuan pemulihan</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="85" />
      <source>Restore the newest backup</source>
      <translation>Pulihkan cadangan terbaru</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="251" />
      <source>Restored {name}.</source>
      <translation>{name} dipulihkan.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="224" />
      <source>Restoring {name}…</source>
      <translation>Memulihkan {name}…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="80" />
      <source>Result</source>
      <translation>Hasil</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="138" />
      <source>Results</source>
      <translation>Hasil</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="181" />
      <source>Resume</source>
      <translation>Lanjutkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="143" />
      <source>retry</source>
      <translation>coba lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="106" />
      <source>Retry</source>
      <translation>Coba lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="344" />
      <source>Retry failed</source>
      <translation>Gagal mencoba lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="106" />
      <source>Retry the selected job</source>
      <translation>Coba lagi tugas yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="42" />
      <source>Retrying (no answer)</source>
      <translation>Mencoba lagi (tidak ada jawaban)</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="343" />
      <source>Retrying as job {id}</source>
      <translation>Mencoba lagi sebagai tugas {id}</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="226" />
      <source>Return</source>
      <translation>Retur</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="524" />
      <source>return {id} of order {number} is a refund only: no goods come back</source>
      <translation>pengembalian {id} untuk pesanan {number} hanya pengembalian dana: tidak ada barang yang kembali</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="531" />
      <source>return {id} of order {number} is not received yet ({state}): restock it once the goods are back</source>
      <translation>pengembalian {id} untuk pesanan {number} belum diterima ({state}): kembalikan ke stok setelah barang tiba</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="110" />
      <source>Return {id}: {state}</source>
      <translation>Pengembalian {id}: {state}</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="93" />
      <source>Returned</source>
      <translation>Dikembalikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="46" />
      <source>Returned by buyer</source>
      <translation>Dikembalikan pembeli</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="266" />
      <source>Returned lines</source>
      <translation>Baris yang dikembalikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="131" />
      <source>Returns</source>
      <translation>Pengembalian</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/returns_job.py" line="36" />
      <source>returns not read this time: {error}</source>
      <translation>retur tidak terbaca kali ini: {error}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="399" />
      <source>Returns read.</source>
      <translation>Pengembalian sudah dibaca.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="76" />
      <source>Returns with their state; restock or write off what came back</source>
      <translation>Pengembalian beserta statusnya; kembalikan ke stok atau hapus bukukan barang yang kembali</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="75" />
      <source>Returns…</source>
      <translation>Pengembalian…</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="86" />
      <source>Revenue</source>
      <translation>Pendapatan</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/charts.py" line="160" />
      <source>Revenue (Rp)</source>
      <translation>Pendapatan (Rp)</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="100" />
      <source>Revenue of the last 14 days per store</source>
      <translation>Pendapatan 14 hari terakhir per toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="198" />
      <source>Revenue per store</source>
      <translation>Pendapatan per toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="64" />
      <source>Revenue today</source>
      <translation>Pendapatan hari ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="73" />
      <source>Revenue yesterday</source>
      <translation>Pendapatan kemarin</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="96" />
      <source>Review first sync</source>
      <translation>Tinjau sinkronisasi pertama</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="177" />
      <source>Review first sync ({n})…</source>
      <translation>Tinjau sinkronisasi pertama ({n})…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="95" />
      <source>Review first sync…</source>
      <translation>Tinjau sinkronisasi pertama…</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="82" />
      <source>Review prices</source>
      <translation>Tinjau harga</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="123" />
      <source>Review prices…</source>
      <translation>Tinjau harga…</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="47" />
      <source>Role</source>
      <translation>Peran</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="90" />
      <source>Round prices to</source>
      <translation>Bulatkan harga ke</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="71" />
      <source>Row</source>
      <translation>Baris</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="235" />
      <source>Running</source>
      <translation>Berjalan</translation>
    </message>
    <message>
      <location filename="../../app/gui/widgets/helpers.py" line="35" />
      <source>Running jobs</source>
      <translation>Tugas yang berjalan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="147" />
      <source>Running now</source>
      <translation>Sedang berjalan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="112" />
      <source>Safety buffer</source>
      <translation>Stok cadangan</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="223" />
      <source>Sale</source>
      <translation>Penjualan</translation>
    </message>
    <message>
      <location filename="../../app/gui/widgets/helpers.py" line="42" />
      <source>Sales per store</source>
      <translation>Penjualan per toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="45" />
      <source>Sample / gift</source>
      <translation>Sampel / hadiah</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="191" />
      <source>Save airway bills</source>
      <translation>Simpan resi</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="85" />
      <source>Save as…</source>
      <translation>Simpan sebagai…</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="147" />
      <source>Save export</source>
      <translation>Simpan hasil ekspor</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="335" />
      <source>Save marked copy</source>
      <translation>Simpan salinan bertanda</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="180" />
      <source>Save marked copy…</source>
      <translation>Simpan salinan bertanda…</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="170" />
      <source>Save settings</source>
      <translation>Simpan pengaturan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="265" />
      <source>Save template</source>
      <translation>Simpan template</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="298" />
      <source>Saved ({n} changed).</source>
      <translation>Tersimpan ({n} diubah).</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="201" />
      <source>Saved to {path}</source>
      <translation>Disimpan ke {path}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="280" />
      <source>Saved {name}</source>
      <translation>{name} disimpan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="234" />
      <source>Saved {rows} rows to {path}</source>
      <translation>{rows} baris disimpan ke {path}</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/polling.py" line="21" />
      <source>saving API quota</source>
      <translation>menghemat kuota API</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="73" />
      <source>say why the stock changes</source>
      <translation>tuliskan alasan perubahan stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="144" />
      <source>schedule</source>
      <translation>terjadwal</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="73" />
      <source>Search by name, SKU, brand or category</source>
      <translation>Cari berdasarkan nama, SKU, merek, atau kategori</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="50" />
      <source>Search by SKU or name</source>
      <translation>Cari berdasarkan SKU atau nama</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="67" />
      <source>Search by SKU or product name</source>
      <translation>Cari berdasarkan SKU atau nama produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="73" />
      <source>Search catalog</source>
      <translation>Cari di katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="153" />
      <source>Search failed: {message}</source>
      <translation>Pencarian gagal: {message}</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="75" />
      <source>Search name, SKU, brand, category…  (Ctrl+F)</source>
      <translation>Cari nama, SKU, merek, kategori…  (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="107" />
      <source>Search orders</source>
      <translation>Cari pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/search.py" line="42" />
      <source>Search products and orders</source>
      <translation>Cari produk dan pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/search.py" line="44" />
      <source>Search results</source>
      <translation>Hasil pencarian</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="68" />
      <source>Search SKU or product…</source>
      <translation>Cari SKU atau produk…</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="67" />
      <source>Search stock</source>
      <translation>Cari stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/search.py" line="39" />
      <source>Search StoreSync</source>
      <translation>Cari di StoreSync</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="49" />
      <source>Search the catalog</source>
      <translation>Cari di katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="211" />
      <source>Searching…</source>
      <translation>Mencari…</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="63" />
      <source>see the audit log</source>
      <translation>melihat log audit</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="134" />
      <source>Select a listing to see suggested variants.</source>
      <translation>Pilih listing untuk melihat varian yang disarankan.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="157" />
      <source>Select an order to see its details.</source>
      <translation>Pilih pesanan untuk melihat detailnya.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/picking.py" line="193" />
      <source>select at least one order</source>
      <translation>pilih setidaknya satu pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="318" />
      <source>Select the running job to stop</source>
      <translation>Pilih tugas berjalan yang ingin dihentikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="93" />
      <source>Selection</source>
      <translation>Pilihan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="61" />
      <source>Seller</source>
      <translation>Penjual</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="55" />
      <source>Seller discount</source>
      <translation>Diskon penjual</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="103" />
      <source>Send the selected prices again</source>
      <translation>Kirim ulang harga yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="121" />
      <source>Send the ticked prices to their stores</source>
      <translation>Kirim harga yang dicentang ke tokonya</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="147" />
      <source>Sent {pages} pages to the printer</source>
      <translation>{pages} halaman dikirim ke printer</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="182" />
      <source>Service ID</source>
      <translation>Service ID</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="68" />
      <source>Service ID (TikTok)</source>
      <translation>Service ID (TikTok)</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="125" />
      <source>set</source>
      <translation>ada</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="325" />
      <source>Set brand</source>
      <translation>Atur merek</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="99" />
      <source>Set brand…</source>
      <translation>Atur merek…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="324" />
      <source>Set category</source>
      <translation>Atur kategori</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="98" />
      <source>Set category…</source>
      <translation>Atur kategori…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="326" />
      <source>Set cost</source>
      <translation>Atur modal</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="361" />
      <source>Set costs in the catalog</source>
      <translation>Isi modal di katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="100" />
      <source>Set cost…</source>
      <translation>Atur modal…</translation>
    </message>
    <message>
      <location filename="../../app/gui/main_window.py" line="71" />
      <source>Settings</source>
      <translation>Pengaturan</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="39" />
      <source>Settings — {store}</source>
      <translation>Pengaturan — {store}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="90" />
      <source>Settings…</source>
      <translation>Pengaturan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/sign_in.py" line="52" />
      <source>Several people use this shop: who is working?</source>
      <translation>Beberapa orang memakai toko ini: siapa yang bekerja?</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="113" />
      <source>Share of stock offered</source>
      <translation>Porsi stok yang ditawarkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/polling.py" line="19" />
      <source>shared stock low</source>
      <translation>stok bersama menipis</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="82" />
      <source>Shelf</source>
      <translation>Rak</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="73" />
      <source>Shelf code</source>
      <translation>Kode rak</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="69" />
      <source>Shelf — {sku}</source>
      <translation>Rak — {sku}</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="38" />
      <source>Shelf…</source>
      <translation>Rak…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="136" />
      <source>Ship</source>
      <translation>Kirim</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="54" />
      <source>ship orders</source>
      <translation>mengirim pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="199" />
      <source>Ship orders</source>
      <translation>Kirim pesanan</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="374" />
      <source>Ship to</source>
      <translation>Kirim ke</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="242" />
      <source>Shipped</source>
      <translation>Dikirim</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="53" />
      <source>Shipped back</source>
      <translation>Dikirim kembali</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="54" />
      <source>Shipping</source>
      <translation>Pengiriman</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="285" />
      <source>Shipping did not start: {reason}</source>
      <translation>Pengiriman tidak dimulai: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="200" />
      <source>Shipping labels</source>
      <translation>Label pengiriman</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/ship_job.py" line="198" />
      <source>shipping {n} orders</source>
      <translation>mengirim {n} pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="224" />
      <source>Shipping {n} orders…</source>
      <translation>Mengirim {n} pesanan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="55" />
      <source>Ship…</source>
      <translation>Kirim…</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="229" />
      <source>Shop address</source>
      <translation>Alamat toko</translation>
    </message>
    <message>
      <location filename="../../app/core/services/stores.py" line="129" />
      <source>shop id is required</source>
      <translation>ID toko wajib diisi</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/labels.py" line="166" />
      <source>Shopee could not make the airway bill; try again</source>
      <translation>Shopee tidak dapat membuat resi; coba lagi</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="156" />
      <source>Shopee did not answer; check the order in Seller Centre before shipping it again</source>
      <translation>Shopee tidak menjawab; periksa pesanan di Seller Centre sebelum mengirimnya lagi</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/labels.py" line="45" />
      <source>Shopee does not know this order</source>
      <translation>Shopee tidak mengenal pesanan ini</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="104" />
      <source>Shopee offers no way to ship this order now</source>
      <translation>Shopee tidak menawarkan cara mengirim pesanan ini sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="176" />
      <source>Shopee partner ID or TikTok app key</source>
      <translation>Partner ID Shopee atau App Key TikTok</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="178" />
      <source>Shopee partner key or TikTok secret</source>
      <translation>Partner Key Shopee atau App Secret TikTok</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="186" />
      <source>Shopee refused: {reason}</source>
      <translation>Shopee menolak: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/labels.py" line="90" />
      <source>Shopee sent the airway bill as {kind}, not PDF: choose a PDF (normal) print setting in Seller Centre</source>
      <translation>Shopee mengirim resi sebagai {kind}, bukan PDF: pilih pengaturan cetak PDF (normal) di Seller Centre</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="317" />
      <source>Short code (e.g. TOKO):</source>
      <translation>Kode singkat (mis. TOKO):</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="77" />
      <source>Show all</source>
      <translation>Tampilkan semua</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="85" />
      <source>Show archived</source>
      <translation>Tampilkan yang diarsipkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="78" />
      <source>Show low</source>
      <translation>Tampilkan stok menipis</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="102" />
      <source>Show mapped listings</source>
      <translation>Tampilkan listing yang sudah dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="102" />
      <source>Show mapped listings too</source>
      <translation>Tampilkan juga listing yang sudah dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="79" />
      <source>Show out of stock</source>
      <translation>Tampilkan stok habis</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/sign_in.py" line="48" />
      <source>Sign in</source>
      <translation>Masuk</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/sign_in.py" line="34" />
      <source>Sign in to {app}</source>
      <translation>Masuk ke {app}</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/panel.py" line="44" />
      <source>Sign-in is on. Signed in as {user} ({role}).</source>
      <translation>Masuk akun aktif. Masuk sebagai {user} ({role}).</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/controls.py" line="111" />
      <source>Signed in as {user} ({role})</source>
      <translation>Masuk sebagai {user} ({role})</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/components.py" line="60" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="53" />
      <source>SKU is required</source>
      <translation>SKU wajib diisi</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="60" />
      <source>SKU is {length} characters; at most {limit} allowed</source>
      <translation>SKU terdiri dari {length} karakter; maksimal {limit} karakter</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="202" />
      <source>SKU match</source>
      <translation>Cocok SKU</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="203" />
      <source>SKU match (loose)</source>
      <translation>Cocok SKU (longgar)</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="56" />
      <source>SKU {sku!r} contains a space; use - or _ instead</source>
      <translation>SKU {sku!r} mengandung spasi; gunakan - atau _ sebagai gantinya</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="69" />
      <source>SKU {sku!r} has characters other than letters, digits and - _ . / # +</source>
      <translation>SKU {sku!r} mengandung karakter selain huruf, angka, dan - _ . / # +</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="40" />
      <source>SKU {sku}</source>
      <translation>SKU {sku}</translation>
    </message>
    <message>
      <location filename="../../app/core/export/importer.py" line="228" />
      <source>SKU {sku} already exists in the catalog</source>
      <translation>SKU {sku} sudah ada di katalog</translation>
    </message>
    <message>
      <location filename="../../app/core/export/importer.py" line="286" />
      <source>SKU {sku} at {location} is also counted on row {row}</source>
      <translation>SKU {sku} di {location} juga dihitung di baris {row}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="275" />
      <source>SKU {sku} is already used by another variant ({existing})</source>
      <translation>SKU {sku} sudah dipakai oleh varian lain ({existing})</translation>
    </message>
    <message>
      <location filename="../../app/core/export/importer.py" line="213" />
      <source>SKU {sku} is also on row {row}</source>
      <translation>SKU {sku} juga ada di baris {row}</translation>
    </message>
    <message>
      <location filename="../../app/core/export/importer.py" line="276" />
      <source>SKU {sku} is not in the catalog</source>
      <translation>SKU {sku} tidak ada di katalog</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="228" />
      <source>SKU {sku} is used twice in this product (rows {first} and {second})</source>
      <translation>SKU {sku} dipakai dua kali di produk ini (baris {first} dan {second})</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/model.py" line="56" />
      <source>Some lines are not mapped to a master SKU: they do not move stock</source>
      <translation>Beberapa baris belum dipetakan ke SKU induk: stoknya tidak ikut berubah</translation>
    </message>
    <message>
      <location filename="../../app/gui/crash.py" line="67" />
      <source>Something unexpected went wrong: {summary}

StoreSync is still running and your data is saved. If this happens again, copy the diagnostics below and send them to support.</source>
      <translation>Terjadi kesalahan yang tidak terduga: {summary}

StoreSync masih berjalan dan data Anda tersimpan. Jika ini terjadi lagi, salin diagnostik di bawah dan kirimkan ke dukungan.</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/controls.py" line="19" />
      <source>staff</source>
      <translation>staf</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="126" />
      <source>Start the built-in sandbox marketplace with demo shops and sync them</source>
      <translation>Jalankan marketplace sandbox bawaan dengan toko demo lalu sinkronkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="185" />
      <source>Started</source>
      <translation>Dimulai</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="323" />
      <source>Starting the demo…</source>
      <translation>Memulai demo…</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="102" />
      <source>State</source>
      <translation>Kondisi</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="248" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="90" />
      <source>Status filter</source>
      <translation>Filter status</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="90" />
      <source>Status history</source>
      <translation>Riwayat status</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="98" />
      <source>Stock and catalog</source>
      <translation>Stok dan katalog</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="146" />
      <source>stock changed</source>
      <translation>stok berubah</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="53" />
      <source>Stock counts</source>
      <translation>Hasil hitung stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/widgets/helpers.py" line="39" />
      <source>Stock levels</source>
      <translation>Jumlah stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="52" />
      <source>Stock location</source>
      <translation>Lokasi stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="146" />
      <source>Stock locations</source>
      <translation>Lokasi stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="57" />
      <source>Stock movements</source>
      <translation>Mutasi stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="133" />
      <source>Stock offered = (available − buffer) × share, at most the cap, never below zero.</source>
      <translation>Stok yang ditawarkan = (tersedia − stok cadangan) × porsi, paling banyak sebesar batas maksimum, tidak pernah di bawah nol.</translation>
    </message>
    <message>
      <location filename="../../app/gui/widgets/helpers.py" line="41" />
      <source>Stock per channel</source>
      <translation>Stok per channel</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="198" />
      <source>Stock push</source>
      <translation>Pembaruan stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="147" />
      <source>Stock: every SKU with today's count, for a stock take. Products: the whole catalog with each bundle's components, to edit and import again.</source>
      <translation>Stok: setiap SKU dengan jumlah hari ini, untuk stok opname. Produk: seluruh katalog dengan komponen setiap paket, untuk diubah lalu diimpor lagi.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="41" />
      <source>stock: {state}</source>
      <translation>stok: {state}</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="229" />
      <source>Stocktake</source>
      <translation>Stok opname</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="211" />
      <source>Stocktake booked {change}</source>
      <translation>Stok opname dicatat: {change}</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="95" />
      <source>Stocktake…</source>
      <translation>Stok opname…</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="77" />
      <source>Stop</source>
      <translation>Hentikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="79" />
      <source>Stop the selected job (or the only one running). What it already saved stays; the store's next sync carries on from there.</source>
      <translation>Hentikan tugas yang dipilih (atau satu-satunya yang berjalan). Yang sudah tersimpan tetap ada; sinkronisasi toko berikutnya melanjutkan dari situ.</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="77" />
      <source>Stop the selected running job</source>
      <translation>Hentikan tugas berjalan yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="325" />
      <source>Stopped the {kind} job of {store}</source>
      <translation>Tugas {kind} untuk {store} dihentikan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="170" />
      <source>Store</source>
      <translation>Toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="145" />
      <source>store connected</source>
      <translation>toko terhubung</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="97" />
      <source>Store filter</source>
      <translation>Filter toko</translation>
    </message>
    <message>
      <location filename="../../app/core/services/stores.py" line="127" />
      <source>store name is required</source>
      <translation>nama toko wajib diisi</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="189" />
      <source>Store rule</source>
      <translation>Aturan toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="90" />
      <source>Store settings</source>
      <translation>Pengaturan toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="172" />
      <source>store {id}</source>
      <translation>toko {id}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/picking.py" line="361" />
      <source>store {store_id} does not exist</source>
      <translation>toko {store_id} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/first_sync.py" line="115" />
      <source>store {store} does not exist</source>
      <translation>toko {store} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/export_dialog.py" line="116" />
      <source>Stores</source>
      <translation>Toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="78" />
      <source>Stores done</source>
      <translation>Toko selesai</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="144" />
      <source>Stores needing attention</source>
      <translation>Toko yang perlu perhatian</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="189" />
      <source>StoreSync backups (*.db);;All files (*)</source>
      <translation>Cadangan StoreSync (*.db);;Semua berkas (*)</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="217" />
      <source>StoreSync cannot open the database {path} ({detail}). Check that the data folder exists and is yours, then try again.</source>
      <translation>StoreSync tidak dapat membuka basis data {path} ({detail}). Pastikan folder data ada dan milik Anda, lalu coba lagi.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="55" />
      <source>StoreSync cannot open your data</source>
      <translation>StoreSync tidak dapat membuka data Anda</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="189" />
      <source>StoreSync cannot write to {path}. Make the folder and the database writable for your user, or choose another data folder with --data-dir.</source>
      <translation>StoreSync tidak dapat menulis ke {path}. Jadikan folder dan basis data dapat ditulis oleh pengguna Anda, atau pilih folder data lain dengan --data-dir.</translation>
    </message>
    <message>
      <location filename="../../app/gui/crash.py" line="64" />
      <source>StoreSync ran into a problem</source>
      <translation>StoreSync mengalami masalah</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/loopback.py" line="25" />
      <source>StoreSync received the authorization.</source>
      <translation>StoreSync telah menerima otorisasi.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/model.py" line="38" />
      <source>StoreSync sandbox</source>
      <translation>Sandbox StoreSync</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="85" />
      <source>StoreSync sandbox on this computer (try it out)</source>
      <translation>Sandbox StoreSync di komputer ini (untuk mencoba)</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="188" />
      <source>StoreSync will open the local database file when it is next started.</source>
      <translation>StoreSync akan membuka file database lokal saat dijalankan berikutnya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="180" />
      <source>StoreSync will open {url} when it is next started.</source>
      <translation>StoreSync akan membuka {url} saat dijalankan berikutnya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="122" />
      <source>StoreSync's own sandbox, for trying things out: enter the app ID and secret it printed when it started (python -m app.sandbox).</source>
      <translation>Sandbox bawaan StoreSync, untuk mencoba-coba: masukkan app ID dan secret yang dicetaknya saat dijalankan (python -m app.sandbox).</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="146" />
      <source>StoreSync's own sandbox: enter the shop address, key and secret that python -m app.sandbox printed for the website shop.</source>
      <translation>Sandbox milik StoreSync: masukkan alamat toko, kunci, dan rahasia yang dicetak python -m app.sandbox untuk toko situs web.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="67" />
      <source>StoreSync's stock wins (overwrite the platform)</source>
      <translation>Stok StoreSync yang berlaku (timpa stok platform)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="53" />
      <source>Subtotal</source>
      <translation>Subtotal</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="236" />
      <source>Succeeded</source>
      <translation>Berhasil</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="112" />
      <source>Suggested variants</source>
      <translation>Varian yang disarankan</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/controls.py" line="21" />
      <source>sync</source>
      <translation>sinkron</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="139" />
      <source>Sync activity</source>
      <translation>Aktivitas sinkronisasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="110" />
      <source>Sync all stores now</source>
      <translation>Sinkronkan semua toko sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/tray.py" line="113" />
      <source>Sync failed: {store}</source>
      <translation>Sinkronisasi gagal: {store}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="88" />
      <source>Sync now</source>
      <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="358" />
      <source>Sync of {store} failed</source>
      <translation>Sinkronisasi {store} gagal</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="211" />
      <source>Sync of {store} failed to start</source>
      <translation>Sinkronisasi {store} gagal dimulai</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="252" />
      <source>Sync products</source>
      <translation>Sinkronkan produk</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="110" />
      <source>Sync products every</source>
      <translation>Sinkronkan produk setiap</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="25" />
      <source>Sync status</source>
      <translation>Status sinkronisasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="88" />
      <source>Sync the selected store now</source>
      <translation>Sinkronkan toko yang dipilih sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="206" />
      <source>Syncing</source>
      <translation>Menyinkronkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/page.py" line="362" />
      <source>Syncing every store…</source>
      <translation>Menyinkronkan semua toko…</translation>
    </message>
    <message>
      <location filename="../../app/gui/launch.py" line="164" />
      <source>Syncing is off</source>
      <translation>Sinkronisasi mati</translation>
    </message>
    <message>
      <location filename="../../app/gui/launch.py" line="133" />
      <source>Syncing is off in this window: {holder} is syncing this data folder. You can still look and edit here; that process sends the changes.</source>
      <translation>Sinkronisasi mati di jendela ini: {holder} sedang menyinkronkan folder data ini. Anda tetap bisa melihat dan mengubah data di sini; proses itu yang mengirim perubahannya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/launch.py" line="144" />
      <source>Syncing is off: the engine did not start ({error}).</source>
      <translation>Sinkronisasi mati: mesin sinkronisasi tidak berjalan ({error}).</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="66" />
      <source>Syncing {n} store</source>
      <translation>Menyinkronkan {n} toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="66" />
      <source>Syncing {n} stores</source>
      <translation>Menyinkronkan {n} toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="213" />
      <source>Syncing {store}…</source>
      <translation>Menyinkronkan {store}…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="62" />
      <source>System</source>
      <translation>Sistem</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/panel.py" line="20" />
      <source>Team</source>
      <translation>Tim</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="63" />
      <source>Team database</source>
      <translation>Database tim</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="70" />
      <source>Team database password</source>
      <translation>Kata sandi database tim</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="68" />
      <source>Team database URL</source>
      <translation>URL database tim</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="290" />
      <source>Template saved to {path}</source>
      <translation>Template disimpan ke {path}</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="76" />
      <source>Test connection</source>
      <translation>Uji koneksi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/loopback.py" line="46" />
      <source>that address has no code=… in it; copy the whole address bar</source>
      <translation>alamat itu tidak berisi code=…; salin seluruh isi bilah alamat</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="399" />
      <source>That answer belongs to another connection attempt; try again.</source>
      <translation>Jawaban itu milik percobaan koneksi lain; coba lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/team.py" line="40" />
      <source>That is not a database URL. Write it as postgresql+psycopg://USER@HOST:5432/DATABASE.</source>
      <translation>Itu bukan URL database. Tulis sebagai postgresql+psycopg://USER@HOST:5432/DATABASE.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="212" />
      <source>That is the database StoreSync is using: choose a backup file.</source>
      <translation>Itu database yang sedang dipakai StoreSync: pilih berkas cadangan.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/channel_stock.py" line="186" />
      <source>that store does not list this variant: map a listing to it first</source>
      <translation>toko itu tidak menjual varian ini: petakan listing ke varian ini dulu</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="328" />
      <source>the account {name} is deactivated; ask an owner</source>
      <translation>akun {name} dinonaktifkan; hubungi pemilik</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/labels.py" line="176" />
      <source>The airway bill was not ready in time; try again</source>
      <translation>Resi belum siap tepat waktu; coba lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="254" />
      <source>The API address must start with https:// (http only for 127.0.0.1)</source>
      <translation>Alamat API harus diawali https:// (http hanya untuk 127.0.0.1)</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="176" />
      <source>The backup failed: {reason}</source>
      <translation>Pencadangan gagal: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/aftersale.py" line="24" />
      <source>The buyer asked to cancel</source>
      <translation>Pembeli meminta pembatalan</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="193" />
      <source>the buyer has not paid yet</source>
      <translation>pembeli belum membayar</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/ship_checks.py" line="31" />
      <source>the carrier is not integrated: type the tracking number</source>
      <translation>kurir tidak terintegrasi: ketik nomor resi</translation>
    </message>
    <message>
      <location filename="../../app/core/workspace.py" line="236" />
      <source>The copied ledger does not explain {count} stock counts; the local workspace is unchanged. Run `storesync doctor`, then copy again into a new database.</source>
      <translation>Buku besar yang disalin tidak menjelaskan {count} jumlah stok; ruang kerja lokal tidak berubah. Jalankan `storesync doctor`, lalu salin lagi ke database baru.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/copy.py" line="188" />
      <source>The copy of table {table} has {there} rows instead of {rows}; drop the team database's tables and copy again.</source>
      <translation>Salinan tabel {table} berisi {there} baris, bukan {rows}; hapus tabel-tabel database tim dan salin lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/connect.py" line="101" />
      <source>the data folder {folder} cannot be written: make it writable (or choose another with --data-dir), then connect again</source>
      <translation>folder data {folder} tidak bisa ditulisi: buat agar bisa ditulisi (atau pilih folder lain dengan --data-dir), lalu hubungkan lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="253" />
      <source>The data it replaced is kept at {path}.</source>
      <translation>Data yang digantikannya disimpan di {path}.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/team.py" line="143" />
      <source>The database in {url} does not exist on the server. Ask whoever runs the server to create it (an empty database), then try again.</source>
      <translation>Database di {url} tidak ada di server. Minta pengelola server membuatnya (database kosong), lalu coba lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="84" />
      <source>The database is busy with another task (an import?); nothing was changed. Try again when it is done.</source>
      <translation>Basis data sedang sibuk dengan tugas lain (impor?); tidak ada yang diubah. Coba lagi setelah selesai.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/team.py" line="54" />
      <source>The database URL needs a host and a database name: {url}</source>
      <translation>URL database memerlukan host dan nama database: {url}</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="136" />
      <source>The database {path} is damaged ({detail}). It was left as it is; the newest backup is {backup}: restore it with `storesync restore {backup}`.</source>
      <translation>Basis data {path} rusak ({detail}). Berkas dibiarkan apa adanya; cadangan terbaru adalah {backup}: pulihkan dengan `storesync restore {backup}`.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="144" />
      <source>The database {path} is damaged ({detail}). It was left as it is; there is no backup beside it: restore one you keep elsewhere with `storesync restore FILE`.</source>
      <translation>Basis data {path} rusak ({detail}). Berkas dibiarkan apa adanya; tidak ada cadangan di sebelahnya: pulihkan cadangan yang Anda simpan di tempat lain dengan `storesync restore FILE`.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="59" />
      <source>The database {path} is in use by a running StoreSync sync engine (process {holder}). Close the other StoreSync window or stop `storesync sync`, then try again.</source>
      <translation>Basis data {path} sedang dipakai oleh mesin sinkronisasi StoreSync yang berjalan (proses {holder}). Tutup jendela StoreSync yang lain atau hentikan `storesync sync`, lalu coba lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="67" />
      <source>The database {path} is locked by another program (process {holder}: another StoreSync window or a database tool). Close it, then try again.</source>
      <translation>Basis data {path} dikunci oleh program lain (proses {holder}: jendela StoreSync lain atau alat basis data). Tutup program itu, lalu coba lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="173" />
      <source>The database {path} was written by a newer StoreSync (schema {revision}); install the newest StoreSync to open it.</source>
      <translation>Basis data {path} ditulis oleh StoreSync yang lebih baru (skema {revision}); pasang StoreSync terbaru untuk membukanya.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="165" />
      <source>The database {path} was written by StoreSync {version} (schema {revision}); install StoreSync {version} or newer to open it.</source>
      <translation>Basis data {path} ditulis oleh StoreSync {version} (skema {revision}); pasang StoreSync {version} atau yang lebih baru untuk membukanya.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/copy.py" line="83" />
      <source>The database {url} is not empty ({count} tables). Copy into a new, empty database: nothing was copied.</source>
      <translation>Database {url} tidak kosong ({count} tabel). Salin ke database baru yang kosong: tidak ada yang disalin.</translation>
    </message>
    <message>
      <location filename="../../app/gui/launch.py" line="169" />
      <source>The demo could not start: {reason}</source>
      <translation>Demo tidak dapat dimulai: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/core/db/problems.py" line="203" />
      <source>The disk holding {path} is full. Free some space, then try again; nothing was changed.</source>
      <translation>Disk tempat {path} berada sudah penuh. Kosongkan sebagian ruang, lalu coba lagi; tidak ada yang diubah.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/backups.py" line="63" />
      <source>The file {path} does not exist.</source>
      <translation>Berkas {path} tidak ada.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/website_keys.py" line="96" />
      <source>The keys were not accepted: {error}</source>
      <translation>Kunci tidak diterima: {error}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/analytics/calendar.py" line="100" />
      <source>the last day is before the first</source>
      <translation>hari terakhir lebih awal dari hari pertama</translation>
    </message>
    <message>
      <location filename="../../app/core/db/copy.py" line="97" />
      <source>The local database is not at this version's schema: open it once with this StoreSync (it is migrated then), then copy it.</source>
      <translation>Database lokal belum memakai skema versi ini: buka sekali dengan StoreSync ini (database akan dimigrasikan), lalu salin.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="248" />
      <source>The new language shows after StoreSync restarts.</source>
      <translation>Bahasa baru akan tampil setelah StoreSync dimulai ulang.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="67" />
      <source>The newest good backup is {name}, made {time}. Restoring it brings back your data as it was then; the damaged file is kept beside it.</source>
      <translation>Cadangan baik terbaru adalah {name}, dibuat {time}. Memulihkannya mengembalikan data Anda seperti saat itu; berkas yang rusak disimpan di sebelahnya.</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="181" />
      <source>the order is {status} in the shop: it cannot be cancelled</source>
      <translation>pesanan berstatus {status} di toko: tidak dapat dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="140" />
      <source>the order is {status} in the shop: it cannot be shipped</source>
      <translation>pesanan berstatus {status} di toko: tidak dapat dikirim</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="183" />
      <source>the order was cancelled</source>
      <translation>pesanan dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="193" />
      <source>the package is frozen on TikTok Shop; try again later</source>
      <translation>paket dibekukan di TikTok Shop; coba lagi nanti</translation>
    </message>
    <message>
      <location filename="../../app/core/export/reports.py" line="95" />
      <source>the period ends before it starts</source>
      <translation>periode berakhir sebelum dimulai</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="80" />
      <source>The picking list walks each location by shelf code, then SKU.</source>
      <translation>Daftar ambil barang menyusuri tiap lokasi menurut kode rak, lalu SKU.</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/shopee/shipping.py" line="181" />
      <source>the pickup time slot is no longer offered: choose another one</source>
      <translation>jadwal penjemputan tidak tersedia lagi: pilih jadwal lain</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="142" />
      <source>The platform did not approve.</source>
      <translation>Platform tidak menyetujui.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="390" />
      <source>The platform did not approve: {reason}</source>
      <translation>Platform tidak menyetujui: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/loopback.py" line="43" />
      <source>the platform refused the authorization: {error}</source>
      <translation>platform menolak otorisasi: {error}</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/ship_job.py" line="327" />
      <source>the platform refused: {reason}</source>
      <translation>platform menolak: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="83" />
      <source>The platform's own sandbox (test shop)</source>
      <translation>Sandbox milik platform (toko uji)</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="288" />
      <source>The range ends before it starts.</source>
      <translation>Tanggal akhir rentang lebih awal dari tanggal mulainya.</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="104" />
      <source>the required column {column!r} is missing</source>
      <translation>kolom wajib {column!r} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="543" />
      <source>the return of order {number} was already restocked or written off ({when} UTC): nothing changed</source>
      <translation>pengembalian pesanan {number} sudah dikembalikan ke stok atau dihapusbukukan ({when} UTC): tidak ada yang berubah</translation>
    </message>
    <message>
      <location filename="../../app/core/export/importer.py" line="310" />
      <source>the sheet has no rows to import</source>
      <translation>lembar ini tidak memiliki baris untuk diimpor</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/ship_job.py" line="326" />
      <source>the store did not answer; try again later</source>
      <translation>toko tidak menjawab; coba lagi nanti</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="61" />
      <source>The store that keeps offering the last units; the others show 0. Automatic: the store that sold it fastest lately.</source>
      <translation>Toko yang tetap menawarkan unit terakhir; toko lain menampilkan 0. Otomatis: toko yang paling cepat menjualnya akhir-akhir ini.</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/ship_job.py" line="376" />
      <source>the store's job failed: {reason}</source>
      <translation>tugas toko gagal: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/core/engine_lock.py" line="51" />
      <source>the StoreSync app</source>
      <translation>aplikasi StoreSync</translation>
    </message>
    <message>
      <location filename="../../app/core/db/team.py" line="131" />
      <source>the team database</source>
      <translation>database tim</translation>
    </message>
    <message>
      <location filename="../../app/core/db/team.py" line="135" />
      <source>The team database refused the user name or password for {url}. Check them in Settings -&gt; Team database (or the URL), then try again.</source>
      <translation>Database tim menolak nama pengguna atau kata sandi untuk {url}. Periksa di Pengaturan -&gt; Database tim (atau di URL), lalu coba lagi.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="115" />
      <source>the user name 'sync' is kept for the sync engine</source>
      <translation>nama pengguna 'sync' dipakai oleh mesin sinkronisasi</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="225" />
      <source>the user name {name!r} is taken</source>
      <translation>nama pengguna {name!r} sudah dipakai</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/custom/errors.py" line="29" />
      <source>the website answered HTTP {status} without the StoreSync contract's error body: check the address</source>
      <translation>situs web menjawab HTTP {status} tanpa isi galat kontrak StoreSync: periksa alamatnya</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/woocommerce/errors.py" line="31" />
      <source>the website answered HTTP {status} without WooCommerce's error body: check the shop address</source>
      <translation>situs web menjawab HTTP {status} tanpa isi galat WooCommerce: periksa alamat toko</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/custom/errors.py" line="40" />
      <source>the website refused the API key ({detail}): ask its developer for a new key and connect again</source>
      <translation>situs web menolak kunci API ({detail}): minta kunci baru kepada pengembangnya lalu hubungkan lagi</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/custom/adapter.py" line="167" />
      <source>the website speaks contract version {got}, StoreSync speaks {want}: ask its developer to follow docs/custom-store-api.md</source>
      <translation>situs web memakai kontrak versi {got}, StoreSync memakai {want}: minta pengembangnya mengikuti docs/custom-store-api.md</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/custom/adapter.py" line="250" />
      <source>the website's list has no items</source>
      <translation>daftar dari situs web tidak berisi items</translation>
    </message>
    <message>
      <location filename="../../app/core/services/analytics/stock.py" line="173" />
      <source>the window must be at least 1 day</source>
      <translation>rentang waktu harus minimal 1 hari</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="142" />
      <source>the workbook has no sheets</source>
      <translation>berkas tidak memiliki lembar</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="131" />
      <source>Theme</source>
      <translation>Tema</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="189" />
      <source>Then paste the address you land on after approving</source>
      <translation>Lalu tempel alamat yang terbuka setelah Anda menyetujui</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/recovery.py" line="72" />
      <source>There is no good backup in {folder}. If you keep one elsewhere, choose it; the damaged file is kept beside the restored one.</source>
      <translation>Tidak ada cadangan yang baik di {folder}. Jika Anda menyimpan cadangan di tempat lain, pilihlah; berkas yang rusak disimpan di sebelah yang dipulihkan.</translation>
    </message>
    <message>
      <location filename="../../app/core/workspace.py" line="224" />
      <source>There is no local workspace in {folder} to copy.</source>
      <translation>Tidak ada ruang kerja lokal di {folder} untuk disalin.</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="89" />
      <source>These listings' prices would change under their store's price rule or fixed price. Nothing is sent until you push: untick what should keep its price.</source>
      <translation>Harga listing ini akan berubah menurut aturan harga toko atau harga tetapnya. Tidak ada yang dikirim sampai Anda menekan Kirim: hapus centang pada yang harganya harus tetap.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="120" />
      <source>These orders go with your own courier: type each tracking number.</source>
      <translation>Pesanan ini dikirim dengan kurir Anda sendiri: ketik nomor resi masing-masing.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="60" />
      <source>this change would take the stock beyond {high} units; check the quantity</source>
      <translation>perubahan ini membuat stok melewati {high} unit; periksa jumlahnya</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="96" />
      <source>this column appears twice; keep one</source>
      <translation>kolom ini muncul dua kali; simpan satu saja</translation>
    </message>
    <message>
      <location filename="../../app/core/services/order_items.py" line="379" />
      <source>this line was not shipped, so nothing of it can come back (stock: {state})</source>
      <translation>baris ini belum dikirim, jadi tidak ada yang bisa kembali (stok: {state})</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="77" />
      <source>This month</source>
      <translation>Bulan ini</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/ship_checks.py" line="23" />
      <source>this order cannot be shipped by {method}; it allows {allowed}</source>
      <translation>pesanan ini tidak dapat dikirim dengan {method}; yang tersedia: {allowed}</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="195" />
      <source>this order does not belong to the store</source>
      <translation>pesanan ini bukan milik toko tersebut</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="163" />
      <source>This order no longer exists.</source>
      <translation>Pesanan ini sudah tidak ada.</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/woocommerce/errors.py" line="58" />
      <source>this site has no WooCommerce REST API at that address: check the address and that WooCommerce is active with pretty permalinks</source>
      <translation>situs ini tidak punya REST API WooCommerce di alamat itu: periksa alamatnya dan pastikan WooCommerce aktif dengan permalink cantik</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="115" />
      <source>This window works on the local database file in {folder}.</source>
      <translation>Jendela ini bekerja pada file database lokal di {folder}.</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="118" />
      <source>This window works on the team database {url}.</source>
      <translation>Jendela ini bekerja pada database tim {url}.</translation>
    </message>
    <message>
      <location filename="../../app/core/services/stores.py" line="150" />
      <source>this {platform} shop ({shop_id}) is already connected as store {store}</source>
      <translation>toko {platform} ini ({shop_id}) sudah terhubung sebagai toko {store}</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="66" />
      <source>TikTok has not made a package yet</source>
      <translation>TikTok belum membuat paket</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="92" />
      <source>TikTok offers no way to ship this order now</source>
      <translation>TikTok tidak menawarkan cara mengirim pesanan ini sekarang</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="182" />
      <source>TikTok only: the app's service ID</source>
      <translation>Khusus TikTok: Service ID aplikasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="67" />
      <source>TikTok Shop (incl. Tokopedia)</source>
      <translation>TikTok Shop (termasuk Tokopedia)</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="188" />
      <source>TikTok Shop did not answer; check the order in Seller Center before shipping it again</source>
      <translation>TikTok Shop tidak menjawab; periksa pesanan di Seller Center sebelum mengirimnya lagi</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/labels.py" line="79" />
      <source>TikTok Shop did not send a PDF airway bill</source>
      <translation>TikTok Shop tidak mengirim resi PDF</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/labels.py" line="38" />
      <source>TikTok Shop does not know this order</source>
      <translation>TikTok Shop tidak mengenal pesanan ini</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="196" />
      <source>TikTok Shop refused: {reason}</source>
      <translation>TikTok Shop menolak: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/labels.py" line="103" />
      <source>TikTok Shop sent no document link for this package</source>
      <translation>TikTok Shop tidak mengirim tautan dokumen untuk paket ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="185" />
      <source>TikTok's separate token host</source>
      <translation>Host token TikTok yang terpisah</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="286" />
      <source>Time</source>
      <translation>Waktu</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="140" />
      <source>Time zone</source>
      <translation>Zona waktu</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="151" />
      <source>To</source>
      <translation>Sampai</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="100" />
      <source>To date</source>
      <translation>Sampai tanggal</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="55" />
      <source>To ship</source>
      <translation>Perlu dikirim</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="58" />
      <source>Today</source>
      <translation>Hari ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="164" />
      <source>Today and yesterday, per store</source>
      <translation>Hari ini dan kemarin, per toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="185" />
      <source>Token address</source>
      <translation>Alamat token</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="209" />
      <source>Told at</source>
      <translation>Dikirim pada</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="200" />
      <source>Top products</source>
      <translation>Produk terlaris</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/model.py" line="50" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="56" />
      <source>Total paid by buyer</source>
      <translation>Total dibayar pembeli</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="116" />
      <source>Tracking number</source>
      <translation>Nomor resi</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="257" />
      <source>tracking number not assigned yet</source>
      <translation>nomor resi belum diberikan</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="370" />
      <source>Tracking {number}</source>
      <translation>Resi {number}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="67" />
      <source>Tracking:</source>
      <translation>No. resi:</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="227" />
      <source>Transfer</source>
      <translation>Pemindahan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="55" />
      <source>Transfer stock</source>
      <translation>Pindahkan stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="208" />
      <source>Transferred {n}</source>
      <translation>{n} dipindahkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="94" />
      <source>Transfer…</source>
      <translation>Pindahkan…</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="172" />
      <source>Trigger</source>
      <translation>Pemicu</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="125" />
      <source>Try the demo shops</source>
      <translation>Coba toko demo</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="162" />
      <source>Type</source>
      <translation>Jenis</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="114" />
      <source>Type a SKU or product name</source>
      <translation>Ketik SKU atau nama produk</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="150" />
      <source>type the courier's tracking number</source>
      <translation>ketik nomor resi kurir</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="139" />
      <source>Unit cost (Rp)</source>
      <translation>Modal per unit (Rp)</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="88" />
      <source>Units</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="335" />
      <source>Units to restock</source>
      <translation>Unit yang dikembalikan ke stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="98" />
      <source>unknown</source>
      <translation>tidak diketahui</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundles.py" line="100" />
      <source>unknown component SKU {sku}: write components as SKU×qty, e.g. A-1×2, B-1×1</source>
      <translation>SKU komponen {sku} tidak dikenal: tulis komponen sebagai SKU×jumlah, mis. A-1×2, B-1×1</translation>
    </message>
    <message>
      <location filename="../../app/core/export/importer.py" line="240" />
      <source>unknown location {location!r}</source>
      <translation>lokasi {location!r} tidak dikenal</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="131" />
      <source>unknown role {role!r}: use owner, admin, staff or viewer</source>
      <translation>peran {role!r} tidak dikenal: pakai owner, admin, staff atau viewer</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="182" />
      <source>unknown setting {key!r}</source>
      <translation>pengaturan {key!r} tidak dikenal</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="128" />
      <source>Unmap</source>
      <translation>Hapus pemetaan</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="128" />
      <source>Unmap the selected listings</source>
      <translation>Hapus pemetaan listing yang dipilih</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="241" />
      <source>Unpaid</source>
      <translation>Belum dibayar</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="117" />
      <source>Updated</source>
      <translation>Diperbarui</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="355" />
      <source>Updated {n} product(s)</source>
      <translation>{n} produk diperbarui</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="74" />
      <source>URL</source>
      <translation>URL</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="320" />
      <source>Use pasted address</source>
      <translation>Gunakan alamat yang ditempel</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="78" />
      <source>Use the local file</source>
      <translation>Gunakan file lokal</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/webshop/base.py" line="53" />
      <source>use the shop's https:// address: keys are never sent over plain http</source>
      <translation>gunakan alamat https:// toko: kunci tidak pernah dikirim lewat http biasa</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="320" />
      <source>Use this address</source>
      <translation>Gunakan alamat ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/team.py" line="77" />
      <source>Use this database</source>
      <translation>Gunakan database ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="48" />
      <source>User</source>
      <translation>Pengguna</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="44" />
      <source>User name</source>
      <translation>Nama pengguna</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/dialog.py" line="76" />
      <source>Users</source>
      <translation>Pengguna</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/panel.py" line="25" />
      <source>Users…</source>
      <translation>Pengguna…</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/model.py" line="40" />
      <source>Variant</source>
      <translation>Varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="42" />
      <source>Variant name</source>
      <translation>Nama varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="392" />
      <source>Variant row {row}, {column}: {message}</source>
      <translation>Baris varian {row}, {column}: {message}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundles.py" line="259" />
      <source>variant {id} not found</source>
      <translation>varian {id} tidak ditemukan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/listings.py" line="166" />
      <source>variant {sku} is archived</source>
      <translation>varian {sku} sudah diarsipkan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/inventory.py" line="39" />
      <source>variant {variant_id} does not exist</source>
      <translation>varian {variant_id} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/core/services/catalog.py" line="354" />
      <source>variant {variant} does not belong to this product</source>
      <translation>varian {variant} bukan bagian dari produk ini</translation>
    </message>
    <message>
      <location filename="../../app/core/services/listings.py" line="164" />
      <source>variant {variant} does not exist</source>
      <translation>varian {variant} tidak ada</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="155" />
      <source>Variants</source>
      <translation>Varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="52" />
      <source>Variation</source>
      <translation>Variasi</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/controls.py" line="20" />
      <source>viewer</source>
      <translation>pengamat</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="244" />
      <source>Wait until the file is finished, then close.</source>
      <translation>Tunggu sampai berkasnya selesai, lalu tutup.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="368" />
      <source>Waiting for the approval on {address} …</source>
      <translation>Menunggu persetujuan di {address} …</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="415" />
      <source>Waiting for the goods</source>
      <translation>Menunggu barang</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="41" />
      <source>Waiting to be sent</source>
      <translation>Menunggu dikirim</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="151" />
      <source>WARNING</source>
      <translation>PERINGATAN</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="46" />
      <source>Weight (g)</source>
      <translation>Berat (g)</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="336" />
      <source>weight must be a whole number of grams</source>
      <translation>berat harus berupa bilangan bulat dalam gram</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="81" />
      <source>What</source>
      <translation>Apa</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="135" />
      <source>What each store was told</source>
      <translation>Stok yang dikirim ke tiap toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="51" />
      <source>What happened</source>
      <translation>Yang terjadi</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="115" />
      <source>What needs you today</source>
      <translation>Yang perlu Anda tangani hari ini</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="81" />
      <source>When</source>
      <translation>Waktu</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="116" />
      <source>When the platform's stock differs</source>
      <translation>Jika stok di platform berbeda</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/first_sync_dialog.py" line="63" />
      <source>When {store} was first read, these listings showed a different stock figure from StoreSync's. The store's drift policy decided what wins; check that each outcome is right, then dismiss the list.</source>
      <translation>Saat {store} pertama kali dibaca, listing ini menunjukkan angka stok yang berbeda dari StoreSync. Kebijakan selisih toko menentukan mana yang berlaku; periksa bahwa setiap hasil sudah benar, lalu tutup daftar ini.</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="38" />
      <source>Where this SKU sits here (picking order)</source>
      <translation>Letak SKU ini di lokasi ini (urutan pengambilan)</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="127" />
      <source>Where to get these: create an app in TikTok Shop Partner Center (partner.tiktokshop.com); its App key, App secret and Service ID go here. TikTok fixes the app's redirect address in Partner Center: register an address you own (for example your website), tick "registered redirect address is elsewhere" below and enter the same address; after approving, paste the address your browser lands on.</source>
      <translation>Dari mana mendapatkannya: buat aplikasi di TikTok Shop Partner Center (partner.tiktokshop.com); App key, App secret, dan Service ID-nya diisi di sini. TikTok menetapkan alamat redirect aplikasi di Partner Center: daftarkan alamat milik Anda (misalnya situs web Anda), centang "Alamat redirect yang terdaftar untuk aplikasi saya ada di tempat lain" di bawah dan isi alamat yang sama; setelah menyetujui, tempel alamat tujuan browser Anda.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="135" />
      <source>Where to get these: register as a developer on Shopee Open Platform (open.shopee.com) and create an app; its Partner ID and Partner Key go here. Test keys work only in Shopee's sandbox, live keys only in production. No redirect address needs registering: StoreSync catches the approval on this computer.</source>
      <translation>Dari mana mendapatkannya: daftar sebagai developer di Shopee Open Platform (open.shopee.com) dan buat aplikasi; Partner ID dan Partner Key-nya diisi di sini. Kunci uji hanya berlaku di sandbox Shopee, kunci live hanya di produksi. Tidak perlu mendaftarkan alamat redirect: StoreSync menangkap persetujuan di komputer ini.</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/leases.py" line="51" />
      <source>Which PC syncs each store</source>
      <translation>PC mana yang menyinkronkan setiap toko</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="58" />
      <source>Which store?</source>
      <translation>Toko yang mana?</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="181" />
      <source>Who</source>
      <translation>Oleh</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="93" />
      <source>Whole rupiah</source>
      <translation>Rupiah bulat</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="188" />
      <source>Why</source>
      <translation>Keterangan</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/woocommerce/adapter.py" line="179" />
      <source>WooCommerce did not confirm the update</source>
      <translation>WooCommerce tidak mengonfirmasi pembaruan</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/woocommerce/errors.py" line="50" />
      <source>WooCommerce refused the call ({detail}): give the key Read/Write permission</source>
      <translation>WooCommerce menolak permintaan ({detail}): beri kunci izin Read/Write</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/woocommerce/errors.py" line="41" />
      <source>WooCommerce refused the keys ({detail}): create a new key pair in WooCommerce → Settings → Advanced → REST API and connect again</source>
      <translation>WooCommerce menolak kunci ({detail}): buat pasangan kunci baru di WooCommerce → Settings → Advanced → REST API lalu hubungkan lagi</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="68" />
      <source>WooCommerce website</source>
      <translation>Situs web WooCommerce</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="98" />
      <source>workspace default</source>
      <translation>bawaan ruang kerja</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/settings_dialog.py" line="53" />
      <source>Workspace default</source>
      <translation>Bawaan ruang kerja</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/editor.py" line="97" />
      <source>write attributes as name=value; {part} has no =</source>
      <translation>tulis atribut sebagai nama=nilai; {part} tidak memiliki =</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="59" />
      <source>Write off</source>
      <translation>Hapus bukukan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="278" />
      <source>Writing the template…</source>
      <translation>Menulis template…</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="58" />
      <source>Written off</source>
      <translation>Dihapusbukukan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="312" />
      <source>wrong user name or password</source>
      <translation>nama pengguna atau kata sandi salah</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="59" />
      <source>Yesterday</source>
      <translation>Kemarin</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/loopback.py" line="26" />
      <source>You can close this tab and return to StoreSync.</source>
      <translation>Anda dapat menutup tab ini dan kembali ke StoreSync.</translation>
    </message>
    <message>
      <location filename="../../app/gui/users/controls.py" line="37" />
      <source>Your role cannot do this; ask an owner or admin.</source>
      <translation>Peran Anda tidak bisa melakukan ini; minta ke pemilik atau admin.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="156" />
      <source>Your website's developer implements the StoreSync contract (docs/custom-store-api.md) and gives you its address and API key. No consent page: the key is checked with one call.</source>
      <translation>Pengembang situs web Anda menerapkan kontrak StoreSync (docs/custom-store-api.md) dan memberi Anda alamat serta kunci API-nya. Tanpa halaman persetujuan: kunci diperiksa dengan satu panggilan.</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="335" />
      <source>{amount} (est.)</source>
      <translation>{amount} (perkiraan)</translation>
    </message>
    <message>
      <location filename="../../app/core/export/bundle_sheet.py" line="81" />
      <source>{bundle} cannot be a component of itself</source>
      <translation>{bundle} tidak boleh menjadi komponen dirinya sendiri</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundles.py" line="333" />
      <source>{bundle} cannot contain {component}: {component} already contains {bundle}, and a bundle cannot contain itself</source>
      <translation>{bundle} tidak boleh berisi {component}: {component} sudah berisi {bundle}, dan paket tidak boleh berisi dirinya sendiri</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="236" />
      <source>{code} — {name} (default)</source>
      <translation>{code} — {name} (utama)</translation>
    </message>
    <message>
      <location filename="../../app/gui/settings/page.py" line="238" />
      <source>{code} — {name} (inactive)</source>
      <translation>{code} — {name} (nonaktif)</translation>
    </message>
    <message>
      <location filename="../../app/core/export/importer.py" line="102" />
      <source>{count} problem(s) in the file; nothing was imported</source>
      <translation>{count} masalah di berkas; tidak ada yang diimpor</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="287" />
      <source>{date} · {orders} orders · {units} units</source>
      <translation>{date} · {orders} pesanan · {units} unit</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="180" />
      <source>{days} d {hours} h</source>
      <translation>{days} hr {hours} j</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="247" />
      <source>{done} shipped · {failed} failed · {input} need input</source>
      <translation>{done} terkirim · {failed} gagal · {input} perlu diisi</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="31" />
      <source>{field} must be a whole number from {low} to {high}</source>
      <translation>{field} harus bilangan bulat dari {low} sampai {high}</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bounds.py" line="48" />
      <source>{field} must be at most Rp {high}</source>
      <translation>{field} paling banyak Rp {high}</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="166" />
      <source>{hours} h {minutes} min</source>
      <translation>{hours} j {minutes} mnt</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="189" />
      <source>{key} must be between {low} and {high}</source>
      <translation>{key} harus antara {low} dan {high}</translation>
    </message>
    <message>
      <location filename="../../app/core/settings.py" line="185" />
      <source>{key} must be {type}</source>
      <translation>{key} harus berupa {type}</translation>
    </message>
    <message>
      <location filename="../../app/gui/tray.py" line="114" />
      <source>{kind} job failed</source>
      <translation>Tugas {kind} gagal</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="329" />
      <source>{label} for {n} product(s):</source>
      <translation>{label} untuk {n} produk:</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="184" />
      <source>{minutes} min</source>
      <translation>{minutes} mnt</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="164" />
      <source>{minutes} min {seconds} s</source>
      <translation>{minutes} mnt {seconds} dtk</translation>
    </message>
    <message>
      <location filename="../../app/core/services/accounts.py" line="163" />
      <source>{name} is the last owner; make another user owner first</source>
      <translation>{name} adalah pemilik terakhir; jadikan pengguna lain pemilik dulu</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/orders_job.py" line="52" />
      <source>{new} new and {updated} updated orders</source>
      <translation>{new} pesanan baru dan {updated} diperbarui</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/returns_job.py" line="41" />
      <source>{new} new and {updated} updated return(s)</source>
      <translation>{new} retur baru dan {updated} diperbarui</translation>
    </message>
    <message>
      <location filename="../../app/printing/documents.py" line="434" />
      <source>{number} · page {n} of {total}</source>
      <translation>{number} · halaman {n} dari {total}</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/model.py" line="95" />
      <source>{n} (default)</source>
      <translation>{n} (bawaan)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="176" />
      <source>{n} cannot be shipped now (see below).</source>
      <translation>{n} tidak dapat dikirim sekarang (lihat di bawah).</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/model.py" line="225" />
      <source>{n} done</source>
      <translation>{n} selesai</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="127" />
      <source>{n} entries</source>
      <translation>{n} entri</translation>
    </message>
    <message>
      <location filename="../../app/gui/audit/dialog.py" line="123" />
      <source>{n} entries (the newest {shown} shown; Export writes them all)</source>
      <translation>{n} entri ({shown} terbaru ditampilkan; Ekspor menulis semuanya)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="140" />
      <source>{n} label(s)</source>
      <translation>{n} resi</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/mapping.py" line="182" />
      <source>{n} not mapped</source>
      <translation>{n} belum dipetakan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/ship_dialog.py" line="173" />
      <source>{n} of {total} orders can be shipped.</source>
      <translation>{n} dari {total} pesanan dapat dikirim.</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="215" />
      <source>{n} of {total} price change(s) ticked</source>
      <translation>{n} dari {total} perubahan harga dicentang</translation>
    </message>
    <message>
      <location filename="../../app/gui/dashboard/page.py" line="289" />
      <source>{n} open order lines wait for a mapping</source>
      <translation>{n} baris pesanan terbuka menunggu pemetaan</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/cancel_job.py" line="59" />
      <source>{n} order(s) cancelled ({reason})</source>
      <translation>{n} pesanan dibatalkan ({reason})</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/documents_job.py" line="77" />
      <source>{n} order(s) printed from saved labels</source>
      <translation>{n} pesanan dicetak dari label tersimpan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="272" />
      <source>{n} orders</source>
      <translation>{n} pesanan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="163" />
      <source>{n} orders did not print; see below.</source>
      <translation>{n} pesanan tidak tercetak; lihat di bawah.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/printing.py" line="126" />
      <source>{n} packing slips: {pages} pages</source>
      <translation>{n} slip kemas: {pages} halaman</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="229" />
      <source>{n} price change(s) queued: each store's next push sends them.</source>
      <translation>{n} perubahan harga diantrekan: pengiriman berikutnya tiap toko akan mengirimnya.</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="312" />
      <source>{n} product(s) active</source>
      <translation>{n} produk aktif</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="310" />
      <source>{n} product(s) archived</source>
      <translation>{n} produk diarsipkan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="408" />
      <source>{n} restocked into {location}</source>
      <translation>{n} dikembalikan ke {location}</translation>
    </message>
    <message>
      <location filename="../../app/gui/prices/review.py" line="231" />
      <source>{n} skipped: the rule changed since this list was read; check them again.</source>
      <translation>{n} dilewati: aturan berubah sejak daftar ini dibaca; periksa kembali.</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/page.py" line="214" />
      <source>{n} stock rows</source>
      <translation>{n} baris stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="77" />
      <source>{n} store need attention</source>
      <translation>{n} toko perlu perhatian</translation>
    </message>
    <message>
      <location filename="../../app/gui/status.py" line="77" />
      <source>{n} stores need attention</source>
      <translation>{n} toko perlu perhatian</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="201" />
      <source>{n} variant</source>
      <translation>{n} varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/catalog/page.py" line="201" />
      <source>{n} variants</source>
      <translation>{n} varian</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="411" />
      <source>{n} written off</source>
      <translation>{n} dihapusbukukan</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="159" />
      <source>{pages} pages for {n} orders.</source>
      <translation>{pages} halaman untuk {n} pesanan.</translation>
    </message>
    <message>
      <location filename="../../app/core/db/backup.py" line="64" />
      <source>{path} is not a StoreSync backup (it has no StoreSync schema). Choose a file from the 'backups' folder or one made by `storesync backup`.</source>
      <translation>{path} bukan cadangan StoreSync (tidak memiliki skema StoreSync). Pilih berkas dari folder 'backups' atau yang dibuat dengan `storesync backup`.</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="322" />
      <source>{problems} problem(s) in {rows} rows. Fix them and check again; nothing is imported until the whole file is valid.</source>
      <translation>Ditemukan {problems} masalah dari {rows} baris. Perbaiki, lalu periksa lagi; tidak ada data yang diimpor sebelum seluruh file valid.</translation>
    </message>
    <message>
      <location filename="../../app/core/sync/products_job.py" line="66" />
      <source>{read} listings read; {imported} imported into the catalog; {unmapped} not mapped; {drifts} stock drift(s)</source>
      <translation>{read} listing terbaca; {imported} diimpor ke katalog; {unmapped} belum dipetakan; {drifts} selisih stok</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="368" />
      <source>{restocked} units restocked, {written} written off</source>
      <translation>{restocked} unit dikembalikan ke stok, {written} dihapusbukukan</translation>
    </message>
    <message>
      <location filename="../../app/gui/excel/import_dialog.py" line="318" />
      <source>{rows} rows checked: no problems. Ready to import.</source>
      <translation>{rows} baris diperiksa: tidak ada masalah. Siap diimpor.</translation>
    </message>
    <message>
      <location filename="../../app/gui/formatting.py" line="161" />
      <source>{seconds} s</source>
      <translation>{seconds} dtk</translation>
    </message>
    <message>
      <location filename="../../app/core/platforms/tiktok/shipping.py" line="133" />
      <source>{shipped} of {total} packages shipped; then: {reason}</source>
      <translation>{shipped} dari {total} paket terkirim; lalu: {reason}</translation>
    </message>
    <message>
      <location filename="../../app/gui/low_stock.py" line="24" />
      <source>{sku} at {location}: {available} left (reorder point {point})</source>
      <translation>{sku} di {location}: sisa {available} (titik pesan ulang {point})</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundles.py" line="375" />
      <source>{sku} has {n} open order lines holding its stock: change it when they are shipped or cancelled</source>
      <translation>{sku} punya {n} baris pesanan terbuka yang menahan stoknya: ubah setelah pesanan itu dikirim atau dibatalkan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundles.py" line="356" />
      <source>{sku} holds stock of its own ({n} units): count it to 0 before making it a bundle</source>
      <translation>{sku} punya stok sendiri ({n} unit): hitung menjadi 0 sebelum menjadikannya paket</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundle_rules.py" line="157" />
      <source>{sku} is a bundle and has no stock of its own: adjust its components: {parts}</source>
      <translation>{sku} adalah paket dan tidak punya stok sendiri: sesuaikan komponennya: {parts}</translation>
    </message>
    <message>
      <location filename="../../app/core/export/bundle_sheet.py" line="74" />
      <source>{sku} is a bundle: it has no stock of its own, leave Initial stock empty</source>
      <translation>{sku} adalah paket: tidak punya stok sendiri, kosongkan Stok awal</translation>
    </message>
    <message>
      <location filename="../../app/core/export/bundle_sheet.py" line="83" />
      <source>{sku} is named twice: give each component once</source>
      <translation>{sku} disebut dua kali: tulis setiap komponen sekali saja</translation>
    </message>
    <message>
      <location filename="../../app/core/services/bundles.py" line="240" />
      <source>{sku} is not a bundle</source>
      <translation>{sku} bukan paket</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="118" />
      <source>{sku} ×{n}: {k} restocked into {location}</source>
      <translation>{sku} ×{n}: {k} dikembalikan ke {location}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/detail.py" line="124" />
      <source>{sku} ×{n}: {k} written off</source>
      <translation>{sku} ×{n}: {k} dihapusbukukan</translation>
    </message>
    <message>
      <location filename="../../app/core/services/returns.py" line="603" />
      <source>{sku}: between 0 and {n} units came back</source>
      <translation>{sku}: antara 0 dan {n} unit yang kembali</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="109" />
      <source>{sku}: no shelf</source>
      <translation>{sku}: tanpa rak</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/shelf.py" line="107" />
      <source>{sku}: shelf {shelf}</source>
      <translation>{sku}: rak {shelf}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="307" />
      <source>{state} (refund only)</source>
      <translation>{state} (hanya pengembalian dana)</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/reauthorize_dialog.py" line="157" />
      <source>{store} is authorized again.</source>
      <translation>{store} sudah diotorisasi lagi.</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="311" />
      <source>{store} removed</source>
      <translation>{store} dihapus</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/leases.py" line="38" />
      <source>{store}: no StoreSync syncs it right now</source>
      <translation>{store}: saat ini tidak ada StoreSync yang menyinkronkannya</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/leases.py" line="34" />
      <source>{store}: not synced: its credentials are on another PC (connect it here to sync from this PC)</source>
      <translation>{store}: tidak disinkronkan: kredensialnya ada di PC lain (hubungkan di sini untuk menyinkronkan dari PC ini)</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/polling.py" line="28" />
      <source>{store}: orders every {seconds} s · {calls} calls/min ({why})</source>
      <translation>{store}: pesanan tiap {seconds} dtk · {calls} panggilan/menit ({why})</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/leases.py" line="41" />
      <source>{store}: synced by {holder}</source>
      <translation>{store}: disinkronkan oleh {holder}</translation>
    </message>
    <message>
      <location filename="../../app/gui/activity/leases.py" line="40" />
      <source>{store}: synced here ({holder})</source>
      <translation>{store}: disinkronkan di sini ({holder})</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/page.py" line="209" />
      <source>{store}: {n} sync jobs started</source>
      <translation>{store}: {n} tugas sinkronisasi dimulai</translation>
    </message>
    <message>
      <location filename="../../app/gui/inventory/dialogs.py" line="188" />
      <source>{text} is not an amount</source>
      <translation>{text} bukan nominal yang valid</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/labels.py" line="142" />
      <source>{text}, saved earlier</source>
      <translation>{text}, tersimpan sebelumnya</translation>
    </message>
    <message>
      <location filename="../../app/gui/widgets/paged_model.py" line="266" />
      <source>{title} (click to sort)</source>
      <translation>{title} (klik untuk mengurutkan)</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/page.py" line="274" />
      <source>{total} · {n} selected</source>
      <translation>{total} · {n} dipilih</translation>
    </message>
    <message>
      <location filename="../../app/core/services/permissions.py" line="88" />
      <source>{user} ({role}) may not {what}; ask an owner or admin</source>
      <translation>{user} ({role}) tidak boleh {what}; minta ke pemilik atau admin</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="230" />
      <source>{value!r} is not a whole number</source>
      <translation>{value!r} bukan bilangan bulat</translation>
    </message>
    <message>
      <location filename="../../app/core/export/import_read.py" line="211" />
      <source>{value!r} is not an amount</source>
      <translation>{value!r} bukan nominal yang valid</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/charts.py" line="52" />
      <source>{value}B</source>
      <translation>{value} M</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/charts.py" line="56" />
      <source>{value}K</source>
      <translation>{value} rb</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/charts.py" line="52" />
      <source>{value}M</source>
      <translation>{value} jt</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/charts.py" line="52" />
      <source>{value}T</source>
      <translation>{value} T</translation>
    </message>
    <message>
      <location filename="../../app/core/engine_lock.py" line="53" />
      <source>{what} (pid {pid}, since {since})</source>
      <translation>{what} (pid {pid}, sejak {since})</translation>
    </message>
    <message>
      <location filename="../../app/core/engine_lock.py" line="157" />
      <source>{who} is already syncing this data folder; only one process may sync it at a time: stop that one first, or keep using it</source>
      <translation>{who} sudah menyinkronkan folder data ini; hanya satu proses yang boleh menyinkronkannya sekaligus: hentikan proses itu dulu, atau tetap gunakan proses itu</translation>
    </message>
    <message>
      <location filename="../../app/gui/stores/connect_wizard.py" line="319" />
      <source>…or paste the address you were redirected to</source>
      <translation>…atau tempel alamat tujuan redirect Anda</translation>
    </message>
    <message>
      <location filename="../../app/gui/analytics/page.py" line="360" />
      <source>⚠ Sold without a cost: {skus}. Their profit is revenue minus fees only.</source>
      <translation>⚠ Terjual tanpa modal: {skus}. Labanya hanya pendapatan dikurangi biaya marketplace.</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="203" />
      <source>✓ {number}: {message}</source>
      <translation>✓ {number}: {message}</translation>
    </message>
    <message>
      <location filename="../../app/gui/orders/returns.py" line="207" />
      <source>✗ {number}: not cancelled: {message}</source>
      <translation>✗ {number}: tidak dibatalkan: {message}</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Simpan</translation>
    </message>
    <message>
      <source>Save All</source>
      <translation>Simpan semua</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Buka</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Ya</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>Ya untuk &amp;semua</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>&amp;Tidak</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>T&amp;idak untuk semua</translation>
    </message>
    <message>
      <source>Abort</source>
      <translation>Batalkan</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Coba lagi</translation>
    </message>
    <message>
      <source>Ignore</source>
      <translation>Abaikan</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Buang</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Bantuan</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Terapkan</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Atur ulang</translation>
    </message>
    <message>
      <source>Restore Defaults</source>
      <translation>Kembalikan bawaan</translation>
    </message>
  </context>
  <context>
    <name>QWizard</name>
    <message>
      <source>&lt; &amp;Back</source>
      <translation>&lt; &amp;Kembali</translation>
    </message>
    <message>
      <source>&amp;Next &gt;</source>
      <translation>&amp;Lanjut &gt;</translation>
    </message>
    <message>
      <source>&amp;Next</source>
      <translation>&amp;Lanjut</translation>
    </message>
    <message>
      <source>&amp;Finish</source>
      <translation>&amp;Selesai</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Bantuan</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Bantuan</translation>
    </message>
    <message>
      <source>Go Back</source>
      <translation>Kembali</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>Lanjutkan</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Selesai</translation>
    </message>
    <message>
      <source>Commit</source>
      <translation>Kirim</translation>
    </message>
  </context>
</TS>
